"""Views: tensors to uint8 pictures on the tensor's device (mosaics, colour maps, figures, block and filter views)."""
