"""Models: the zoo of built-in names, the course networks, loading (names, files, checkpoints), weights and downloads."""
