// SPDX-License-Identifier: LGPL-2.1-or-later
/* The program examples/Makefile builds and tests under syscage. */
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	FILE *f;

	if (argc == 3 && !strcmp(argv[1], "--write")) {
		f = fopen(argv[2], "w");
		if (!f) {
			perror(argv[2]);
			return 1;
		}
		fclose(f);
	}
	puts("hello, world");
	return 0;
}
