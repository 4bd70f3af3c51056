"""Proposers: each reads sentences its own way and proposes candidate interactions for the
scorer to decide: the token rules, the parse frames, and the loose proposer."""
