// SPDX-License-Identifier: LGPL-2.1-or-later
/* Memory errors for valgrind's memcheck: a heap overflow by one int. */
#include <stdlib.h>

int
main(void)
{
	int *volatile p = malloc(4 * sizeof(*p));

	p[4] = 1;
	free(p);
	return 0;
}
