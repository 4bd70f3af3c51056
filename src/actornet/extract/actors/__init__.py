"""Actors: the curated gazetteer, name discovery, role descriptions and resolution."""
