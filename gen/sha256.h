/* SHA-256 (FIPS 180-4) for pattern-file digests in the image metadata. */
#ifndef GEN_SHA256_H
#define GEN_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct Sha256 {
    uint32_t h[8];
    uint64_t len;
    uint8_t buf[64];
    size_t nbuf;
} Sha256;

void sha256_init(Sha256 *c);
void sha256_update(Sha256 *c, const void *data, size_t n);
void sha256_final(Sha256 *c, uint8_t out[32]);
/* Lower-case hex digest of a buffer into hex[65]. */
void sha256_hex(const void *data, size_t n, char hex[65]);

#endif
