"""The learned decision: rules propose candidate interactions, a model trained on the gold
decides, with a confidence on every fact (`features`, `model`, `train`)."""
