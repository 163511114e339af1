# SPDX-License-Identifier: GPL-2.0-or-later
"""risu-nightly: run the reference x implementation matrix, keep golden
traces, report to CI.  Python 3 standard library only (see docs/nightly.md
for why), so a CI image or a board-farm host needs nothing but python3."""
import os



def _read_version():
    """risu-dt's one version: VERSION at the top of the source tree, or
    PREFIX/share/risu-dt/VERSION once installed (this package is then in
    PREFIX/lib/risu-dt/tools/nightly)."""
    here = os.path.dirname(os.path.realpath(__file__))
    for rel in ("../../VERSION", "../../../../share/risu-dt/VERSION"):
        try:
            with open(os.path.join(here, rel)) as f:
                return f.read().strip()
        except OSError:
            pass
    return "unknown"


VERSION = _read_version()

# Exit statuses shared by every subcommand (docs/nightly.md "Exit status").
EXIT_OK = 0        # every job passed or was skipped (board down)
EXIT_FAIL = 1      # at least one implementation diverged from its reference
EXIT_ERROR = 2     # configuration or infrastructure error, or jobs missing
