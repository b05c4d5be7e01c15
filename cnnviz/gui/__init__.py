"""The thin Qt layer of cnnviz (PySide6 + pyqtgraph)."""
