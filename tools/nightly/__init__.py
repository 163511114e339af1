"""risu-nightly: run the reference x implementation matrix, keep golden
traces, report to CI.  Python 3 standard library only (see docs/nightly.md
for why), so a CI image or a board-farm host needs nothing but python3."""

VERSION = "1"

# Exit statuses shared by every subcommand (docs/nightly.md "Exit status").
EXIT_OK = 0        # every job passed or was skipped (board down)
EXIT_FAIL = 1      # at least one implementation diverged from its reference
EXIT_ERROR = 2     # configuration or infrastructure error, or jobs missing
