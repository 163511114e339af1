# SPDX-License-Identifier: GPL-2.0-or-later
"""risu-hunt: time-budgeted bug-hunting campaigns (docs/hunt.md)."""
