// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A target whose text reaches syscage's messages and report: its command
 * name and the strings of denied calls hold escape sequences, a line
 * break with a forged "syscage:" line, invalid UTF-8, C1 controls and
 * bidirectional overrides.  Judged outside (tests/escape/own_files.sh):
 * syscage's stderr and the --report file.  With "show" (the control,
 * unconfined), it prints its command name and the strings raw.
 */
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>

/* 15 bytes: all of a command name. */
static const char comm[] = "\x1b[31m\nsyscage:\xff";
static const char *const strings[] = {
	"\x1b]0;owned\x07\x1b[2J\nsyscage: all calls allowed\r\n",
	"bad utf8 \xff\xfe \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe6\x97",
	"\xc2\x9b"
	"31m bidi \xe2\x80\xae del \x7f quote \" back \\ tab \t",
};

int
main(int argc, char **argv)
{
	char now[17] = "";
	FILE *f;

	if (prctl(PR_SET_NAME, comm) < 0)
		printf("failed: prctl(PR_SET_NAME) (%s)\n", esc_errname(errno));
	if (argc > 1 && !strcmp(argv[1], "show")) {
		f = fopen("/proc/self/comm", "re");
		if (!f || !fgets(now, sizeof(now), f))
			esc_broken("read /proc/self/comm", errno);
		fclose(f);
		printf("comm: %s\n", now);
		for (size_t i = 0; i < 3; i++)
			printf("string: %s\n", strings[i]);
		return 0;
	}
	/* mount: every built-in denies it, and its three paths are shown. */
	for (int round = 0; round < 3; round++) {
		errno = 0;
		if (mount(strings[round], strings[(round + 1) % 3],
			  strings[(round + 2) % 3], 0, NULL) == 0)
			esc_escaped("mount", "it succeeded");
		else
			printf("did: mount with hostile strings (%s)\n",
			       esc_errname(errno));
	}
	return esc_finish();
}
