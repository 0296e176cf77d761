/*
 * test_sha256.c: SHA-256 against the FIPS 180-4 / NIST example vectors,
 * padding boundaries, incremental updates and files.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "sha256.h"

static void	 test_vectors(void);
static void	 test_boundaries(void);
static void	 test_incremental(void);
static void	 test_file(void);
static void	 test_valid(void);

static void
test_vectors(void)
{
	char		 hex[SHA256_HEX_LEN];
	struct sha256	 c;
	unsigned char	 dig[SHA256_DIGEST_LEN], *a;
	int		 i;

	sha256_data_hex("", 0, hex);
	CHECK_STR("sha-1.1", hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sha256_data_hex("abc", 3, hex);
	CHECK_STR("sha-1.2", hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha256_data_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomn"
	    "opnopq", 56, hex);
	CHECK_STR("sha-1.3", hex, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	sha256_data_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghij"
	    "klmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	    112, hex);
	CHECK_STR("sha-1.4", hex, "cf5b16a778af8380036ce59e7b049237"
	    "0b249b11e8f07a51afac45037afee9d1");

	/* One million 'a', fed in uneven pieces. */
	a = malloc(1000000);
	memset(a, 'a', 1000000);
	sha256_init(&c);
	for (i = 0; i < 1000000; i += 999)
		sha256_update(&c, a + i, 1000000 - i < 999 ?
		    (size_t)(1000000 - i) : 999);
	sha256_final(&c, dig);
	sha256_hex(dig, hex);
	CHECK_STR("sha-1.5", hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	sha256_data_hex(a, 1000000, hex);
	CHECK_STR("sha-1.6", hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

/* Lengths around the padding boundary (55/56 bytes, a full block);
 * expected values from coreutils sha256sum. */
static void
test_boundaries(void)
{
	static const struct {
		size_t		 n;
		const char	*hex;
	} t[] = {
		{ 55, "d5e285683cd4efc02d021a5c62014694"
		    "958901005d6f71e89e0989fac77e4072" },
		{ 56, "04c26261370ee7541549d16dee320c72"
		    "3e3fd14671e66a099afe0a377c16888e" },
		{ 63, "75220b47218278e656f2013bb8f0c455"
		    "a25eaf01e86c64924e9d48d89776d6f2" },
		{ 64, "7ce100971f64e7001e8fe5a51973ecdf"
		    "e1ced42befe7ee8d5fd6219506b5393c" },
		{ 119, "000b48d4edf0fa7bee3c6236ecd2785b"
		    "aa5db4eeb8bb54341b029e0d9fa5fb0c" }
	};
	char	 buf[128], hex[SHA256_HEX_LEN], id[32];
	size_t	 i;

	memset(buf, 'x', sizeof(buf));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(id, sizeof(id), "sha-2.%zu", t[i].n);
		sha256_data_hex(buf, t[i].n, hex);
		CHECK_STR(id, hex, t[i].hex);
	}
}

/* Splitting the input anywhere gives the same digest. */
static void
test_incremental(void)
{
	const char	*msg = "The quick brown fox jumps over the lazy dog, "
			    "then over the lazy dog again, and once more.";
	char		 whole[SHA256_HEX_LEN], part[SHA256_HEX_LEN];
	unsigned char	 dig[SHA256_DIGEST_LEN];
	struct sha256	 c;
	size_t		 len, i, j;
	int		 same = 1;

	len = strlen(msg);
	sha256_data_hex(msg, len, whole);
	for (i = 0; i <= len; i++) {
		for (j = i; j <= len; j++) {
			sha256_init(&c);
			sha256_update(&c, msg, i);
			sha256_update(&c, msg + i, j - i);
			sha256_update(&c, msg + j, len - j);
			sha256_final(&c, dig);
			sha256_hex(dig, part);
			if (strcmp(part, whole) != 0)
				same = 0;
		}
	}
	CHECK("sha-3.1", same);
}

static void
test_file(void)
{
	char	 path[] = "/tmp/rater-sha-XXXXXX", hex[SHA256_HEX_LEN];
	int	 fd;

	fd = mkstemp(path);
	CHECK("sha-4.1", fd != -1);
	CHECK("sha-4.2", write(fd, "abc", 3) == 3);
	close(fd);
	CHECK("sha-4.3", sha256_file(path, hex) == 0);
	CHECK_STR("sha-4.4", hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	unlink(path);
	CHECK("sha-4.5", sha256_file(path, hex) == -1);
}

static void
test_valid(void)
{
	CHECK("sha-5.1", sha256_hex_is_valid("e3b0c44298fc1c149afbf4c8996fb9"
	    "2427ae41e4649b934ca495991b7852b855"));
	CHECK("sha-5.2", !sha256_hex_is_valid("E3b0c44298fc1c149afbf4c8996fb9"
	    "2427ae41e4649b934ca495991b7852b855"));
	CHECK("sha-5.3", !sha256_hex_is_valid("e3b0"));
	CHECK("sha-5.4", !sha256_hex_is_valid("e3b0c44298fc1c149afbf4c8996fb9"
	    "2427ae41e4649b934ca495991b7852b8550"));
}

int
main(void)
{
	test_vectors();
	test_boundaries();
	test_incremental();
	test_file();
	test_valid();
	return harness_done("sha256");
}
