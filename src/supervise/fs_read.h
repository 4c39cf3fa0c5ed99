// SPDX-License-Identifier: LGPL-2.1-or-later
/* A path argument read from the target, made absolute (fs_check.c). */
#ifndef CAGE_FS_READ_H
#define CAGE_FS_READ_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The string at ADDR in PID into BUF (SIZE > 1): its length, or -errno
 * (-ENAMETOOLONG when it does not end within SIZE - 1 bytes). */
ssize_t cage_fs_read_string(pid_t pid, uint64_t addr, char *buf, size_t size);
/* The path of a sockaddr_un at ADDR (LEN bytes) in PID: its length; 0
 * when it is no Unix socket file (another family, abstract, unnamed). */
ssize_t cage_fs_read_unix_path(pid_t pid, uint64_t addr, uint64_t len,
			       char *buf, size_t size);
/* The socket address at ADDR (LEN bytes) in PID into *SS (zeroed first):
 * its family, or 0 when unreadable. */
struct sockaddr_storage;
int cage_fs_read_sockaddr(pid_t pid, uint64_t addr, uint64_t len,
			  struct sockaddr_storage *ss);
/*
 * PATH as PID would resolve it, absolute and with "." and ".." taken
 * lexically, into OUT: a relative PATH starts at DIRFD (AT_FDCWD: the
 * working directory), read from /proc/PID.  0 or -errno.
 */
int cage_fs_absolute(pid_t pid, int dirfd, const char *path, char *out,
		     size_t size);
/* P (absolute) lexically: no "//", no ".", ".." takes the last name off
 * ("/" above the root); in place. */
void cage_fs_normalise(char *p);

#endif
