/*
 * sha256.h: SHA-256 (FIPS 180-4), incremental, with hex helpers.
 * No I/O except sha256_file(), which reads the file it is given.
 */
#ifndef RATER_SHA256_H
#define RATER_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN	32
#define SHA256_HEX_LEN		65	/* 64 hex digits and a NUL */

struct sha256 {
	uint32_t	 h[8];
	uint64_t	 nbytes;	/* message length so far */
	unsigned char	 blk[64];	/* pending partial block */
	size_t		 nblk;
};

void	 sha256_init(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
/* Writes the digest and wipes the context; init again to reuse it. */
void	 sha256_final(struct sha256 *, unsigned char out[SHA256_DIGEST_LEN]);

/* Lowercase hex of a digest, NUL-terminated. */
void	 sha256_hex(const unsigned char dig[SHA256_DIGEST_LEN],
	    char hex[SHA256_HEX_LEN]);
/* Hex digest of a buffer in one call. */
void	 sha256_data_hex(const void *, size_t, char hex[SHA256_HEX_LEN]);
/* Hex digest of a regular file's bytes, opened with fsdir_open (no
 * link below the data directory), at most FSDIR_MAX_FILE of them
 * (EFBIG).  Returns 0, or -1 with errno set. */
int	 sha256_file(const char *path, char hex[SHA256_HEX_LEN]);
/* 1 if s is exactly 64 lowercase hex digits. */
int	 sha256_hex_is_valid(const char *s);

#endif
