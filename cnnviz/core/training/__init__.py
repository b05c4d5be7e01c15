"""Training: the loop (a generator of progress records), optimisers and schedules, and run checkpoints."""
