// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Replays fuzz inputs without libFuzzer, so every meson test run feeds the
 * corpus (and the shipped and error policies) through a fuzz target's
 * body; linked with fuzz_policy.c or fuzz_import.c.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPLAY_MAX (4u << 20)

static int
replay_file(const char *path)
{
	uint8_t *buf = malloc(REPLAY_MAX);
	size_t got = 0;
	ssize_t n;
	int fd;

	if (!buf)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return -errno;
	}
	while (got < REPLAY_MAX &&
	       (n = read(fd, buf + got, REPLAY_MAX - got))) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			free(buf);
			return (int)n;
		}
		got += (size_t)n;
	}
	close(fd);
	fuzz_one(buf, got);
	free(buf);
	return 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in DIR, in name order; *count grows by each. */
static int
replay_dir(const char *dir, unsigned *count)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, NULL), err = 0;

	if (n < 0)
		return -errno;
	qsort(ents, (size_t)n, sizeof(*ents), cmp_names);
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;

		if (!err && ents[i]->d_name[0] != '.' &&
		    snprintf(path, sizeof(path), "%s/%s", dir,
			     ents[i]->d_name) < (int)sizeof(path) &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			err = replay_file(path);
			if (err)
				fprintf(stderr, "fuzz_replay: %s: %s\n", path,
					strerror(-err));
			else
				(*count)++;
		}
		free(ents[i]);
	}
	free(ents);
	return err;
}

int
main(int argc, char **argv)
{
	unsigned count = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: fuzz_replay DIR|FILE...\n");
		return 2;
	}
	if (fuzz_init() < 0) {
		perror("fuzz_replay: init");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		int err;

		if (stat(argv[i], &st) < 0)
			err = -errno;
		else if (S_ISDIR(st.st_mode))
			err = replay_dir(argv[i], &count);
		else if ((err = replay_file(argv[i])) == 0)
			count++;
		if (err) {
			fprintf(stderr, "fuzz_replay: %s: %s\n", argv[i],
				strerror(-err));
			return 1;
		}
	}
	printf("replayed %u inputs\n", count);
	/* An empty corpus is a broken test, not a passing one. */
	return count ? 0 : 1;
}
