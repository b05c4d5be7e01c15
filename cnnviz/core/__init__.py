"""The Qt-free core of cnnviz, in sub-packages: ``models``, ``inputs``, ``capture``, ``analysis``, ``views``,
``training`` (README, "Layout"). Nothing below here imports Qt."""
