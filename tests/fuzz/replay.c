/*
 * replay.c: runs a fuzz target on files, without libFuzzer.
 *
 *	replay_scale FILE ...
 *
 * Linked with one fuzz_<target>.c, it feeds every file named on the
 * command line to LLVMFuzzerTestOneInput, in order, so that inputs that
 * once crashed (tests/fuzz/regress/<target>/) are checked by `make
 * check` with any compiler, under ASan+UBSan or not.  A crash, a
 * sanitizer report or a broken invariant (abort) ends the process; a
 * file that cannot be read is exit status 2.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"

int
main(int argc, char **argv)
{
	uint8_t	*copy;
	char	*data;
	size_t	 len;
	int	 i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s file ...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if ((data = read_file(argv[i], &len)) == NULL) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		/* An exact-size copy, so ASan sees reads past the end. */
		copy = xmalloc(len);
		memcpy(copy, data, len);
		free(data);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
	}
	return 0;
}
