"""Graph stores behind one interface."""

from actornet.store.base import GraphStore, InteractionFilter, StoreError

__all__ = ["GraphStore", "InteractionFilter", "StoreError"]
