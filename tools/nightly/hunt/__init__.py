"""risu-hunt: time-budgeted bug-hunting campaigns (docs/hunt.md)."""
