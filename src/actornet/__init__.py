"""actornet: turn report series into an evidence-backed actor network."""

__version__ = "0.1.0"
