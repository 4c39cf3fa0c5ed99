// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A leak for LeakSanitizer to find at exit (built with -fsanitize=address
 * or =leak by tools.sh), with THREADS threads still alive then, so that
 * its stop-the-world attaches to each.  leak [THREADS]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *
idle(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int
main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 0;
	void *volatile p;

	for (int i = 0; i < threads; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, idle, NULL)) {
			perror("pthread_create");
			return 2;
		}
	}
	p = malloc(1234);
	printf("allocated %p\n", p);
	fflush(stdout);
	p = NULL;
	return 0;
}
