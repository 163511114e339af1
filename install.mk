# SPDX-License-Identifier: GPL-2.0-or-later
# make install [PREFIX=/usr/local] [DESTDIR=stage]: the host tools in bin,
# the runners and the script tools in lib/risu-dt, pattern files and
# overlays in share/risu-dt (risugen and risu-trace look there, relative
# to their own binary, after $RISU_DT_DATADIR), man pages, docs, bash
# completion, and the decodetree library with its header and .pc file.

PREFIX ?= /usr/local
BINDIR := $(PREFIX)/bin
LIBDIR := $(PREFIX)/lib
PKGLIBDIR := $(LIBDIR)/risu-dt
DATADIR := $(PREFIX)/share/risu-dt
MANDIR := $(PREFIX)/share/man
DOCDIR := $(PREFIX)/share/doc/risu-dt
INCDIR := $(PREFIX)/include/risu-dt
COMPDIR := $(PREFIX)/share/bash-completion/completions
INSTALL ?= install

# What risugen, risu-trace and risu-vm read at run time.
ARCH_DATA := $(sort $(wildcard arch/*/*.decode arch/*/*.list \
    arch/*/*.overlay arch/*/*/*.overlay arch/*/disasm-aliases.txt \
    arch/*/vm.conf))
MAN_PAGES := $(wildcard man/*.1)
DECODE_HEADERS := decode/decode.h decode/annot.h

# The library a program outside the tree links: the decoder and the
# utility layer it needs, in one archive.
DECODE_INSTALL_LIB := $(BUILD)/librisu-decode.a
$(DECODE_INSTALL_LIB): $(DECODE_OBJS) $(UTIL_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/risu-decode.pc: tools/risu-decode.pc.in VERSION
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(RISU_DT_VERSION)|' \
	    $< > $@

.PHONY: install install-data install-scripts install-lib
install: all install-data install-scripts install-lib
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PKGLIBDIR)/runners
	$(INSTALL) -m 755 $(HOST_TOOLS) $(DESTDIR)$(BINDIR)
	$(if $(RUNNERS),$(INSTALL) -m 755 $(RUNNERS) \
	    $(DESTDIR)$(PKGLIBDIR)/runners)

install-data:
	set -e; for f in $(ARCH_DATA); do \
	    $(INSTALL) -D -m 644 $$f $(DESTDIR)$(DATADIR)/$$f; done
	$(INSTALL) -D -m 644 VERSION $(DESTDIR)$(DATADIR)/VERSION
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(COMPDIR)
	$(INSTALL) -m 644 $(MAN_PAGES) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 644 README.md docs/*.md $(DESTDIR)$(DOCDIR)
	$(INSTALL) -m 644 tools/completion/risugen \
	    tools/completion/risu-trace $(DESTDIR)$(COMPDIR)

# risu-vm, risu-nightly and risu-hunt find their helpers next to themselves: they
# live in lib/risu-dt/tools with links from bin; lib/risu-dt/arch and
# VERSION point at share so they read the same files as the C tools.
install-scripts:
	$(INSTALL) -d $(DESTDIR)$(PKGLIBDIR)/tools/vm \
	    $(DESTDIR)$(PKGLIBDIR)/tools/nightly/hunt $(DESTDIR)$(BINDIR)
	$(INSTALL) -m 755 tools/risu-vm tools/risu-nightly tools/risu-hunt \
	    $(DESTDIR)$(PKGLIBDIR)/tools
	$(INSTALL) -m 644 tools/vm/*.sh $(DESTDIR)$(PKGLIBDIR)/tools/vm
	$(INSTALL) -m 644 tools/nightly/*.py $(DESTDIR)$(PKGLIBDIR)/tools/nightly
	$(INSTALL) -m 644 tools/nightly/hunt/*.py \
	    $(DESTDIR)$(PKGLIBDIR)/tools/nightly/hunt
	ln -sfn ../../share/risu-dt/arch $(DESTDIR)$(PKGLIBDIR)/arch
	ln -sfn ../../share/risu-dt/VERSION $(DESTDIR)$(PKGLIBDIR)/VERSION
	ln -sfn ../lib/risu-dt/tools/risu-vm $(DESTDIR)$(BINDIR)/risu-vm
	ln -sfn ../lib/risu-dt/tools/risu-nightly \
	    $(DESTDIR)$(BINDIR)/risu-nightly
	ln -sfn ../lib/risu-dt/tools/risu-hunt $(DESTDIR)$(BINDIR)/risu-hunt

install-lib: $(DECODE_INSTALL_LIB) $(BUILD)/risu-decode.pc
	$(INSTALL) -D -m 644 $(DECODE_INSTALL_LIB) \
	    $(DESTDIR)$(LIBDIR)/librisu-decode.a
	$(INSTALL) -D -m 644 $(BUILD)/risu-decode.pc \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/risu-decode.pc
	$(INSTALL) -d $(DESTDIR)$(INCDIR)/decode
	$(INSTALL) -m 644 $(DECODE_HEADERS) $(DESTDIR)$(INCDIR)/decode
