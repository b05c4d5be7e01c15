"""Inputs: decoding and preprocessing images, datasets (bundled, generated, downloaded, folders) and augmentation."""
