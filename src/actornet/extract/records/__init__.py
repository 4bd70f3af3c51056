"""Record assembly: what a candidate interaction becomes once proposed: its date and claim
status, its cited outlet (`dating`, `claims`)."""
