// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * 'fs rw $CWD' started from the home directory (or above it, or from /)
 * hands over the user's keys and shell start-up files.  Given HOME (the
 * environment may be cleared), read HOME/.ssh/id_rsa, append a line to
 * HOME/.bashrc and create a file in HOME.  Under a policy with fs rules
 * every one fails; started from HOME such a policy must not start at all.
 * Given the host home's "DEV:INO" too, a HOME that is another directory
 * (a private home, SPEC 4.5) is the target's scratch: a file made there
 * is no escape, and run.sh checks the host's home afterwards instead.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LINE "echo syscage-escape-was-here # home_write\n"

int
main(int argc, char **argv)
{
	char key[4096], rc[4096], made[4096], buf[64];
	long r;
	int fd;

	struct stat st;
	bool private_home = false;

	if (argc != 2 && argc != 3)
		esc_broken("usage: esc-home_write HOME [DEV:INO]", EINVAL);
	if (argc == 3) {
		char seen[64];

		snprintf(seen, sizeof(seen), "%lu:%lu",
			 stat(argv[1], &st) == 0 ? (unsigned long)st.st_dev : 0,
			 stat(argv[1], &st) == 0 ? (unsigned long)st.st_ino
						 : 0);
		private_home = strcmp(seen, argv[2]) != 0;
	}
	snprintf(key, sizeof(key), "%s/.ssh/id_rsa", argv[1]);
	snprintf(rc, sizeof(rc), "%s/.bashrc", argv[1]);
	snprintf(made, sizeof(made), "%s/.syscage-escape-made", argv[1]);

	errno = 0;
	fd = open(key, O_RDONLY | O_CLOEXEC);
	r = fd < 0 ? -1 : read(fd, buf, sizeof(buf));
	if (esc_expect("read ~/.ssh/id_rsa", r, EACCES, EPERM, ENOENT, EROFS,
		       0) == false &&
	    r > 0)
		printf("  (read %ld bytes)\n", r);
	if (fd >= 0)
		close(fd);

	errno = 0;
	fd = open(rc, O_WRONLY | O_APPEND | O_CLOEXEC);
	r = fd < 0 ? -1 : write(fd, LINE, strlen(LINE));
	esc_expect("append to ~/.bashrc", r, EACCES, EPERM, ENOENT, EROFS, 0);
	if (fd >= 0)
		close(fd);

	if (private_home) {
		printf("    private: ~ is not the host's home; a file made "
		       "there is scratch\n");
		return esc_finish();
	}
	errno = 0;
	fd = open(made, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	esc_expect("create a file in ~", fd, EACCES, EPERM, ENOENT, EROFS, 0);
	if (fd >= 0) {
		close(fd);
		unlink(made);
	}
	return esc_finish();
}
