"""The Qt-free core of cnnviz: models, weights, images, capture, anatomy, summary, render.

Nothing below this package may import Qt (a test enforces it).
"""
