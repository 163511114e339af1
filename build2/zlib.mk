RISU_ZLIB_SRC := build/zlib-src/zlib-1.2.13
RISU_ZLIB_WHY := target runners WITH zlib 1.2.13 (Debian source, SHA-256 verified, build/zlib-src/zlib-1.2.13)
