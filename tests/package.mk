# SPDX-License-Identifier: GPL-2.0-or-later
# make check-package: the Debian packages built by dpkg-buildpackage in
# a scratch copy and inspected (minutes: not part of make check).
.PHONY: check-package
check-package: deps-package
	BUILD=$(BUILD) sh tests/package/check-package.sh
