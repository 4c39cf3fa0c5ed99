// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Files syscage writes (--report, --learn) in directories the target may
 * write: prepared before the target runs, written unnamed, and renamed
 * into place within the directory held open from the start.
 */
#ifndef CAGE_OUTFILE_H
#define CAGE_OUTFILE_H

#include <stdbool.h>
#include <sys/types.h>

struct cage_outfile {
	int dirfd;	  /* FILE's directory, as it was before the launch */
	int fd;		  /* what is written */
	char *base;	  /* FILE's name in dirfd */
	mode_t mode;	  /* its mode at the end, less the umask */
	bool stream;	  /* a descriptor or a FIFO: written in place */
	bool named;	  /* no O_TMPFILE here: a named temporary file */
	char tmpname[40]; /* the named one, or where commit left it */
};

#define CAGE_OUTFILE_INIT                                                      \
	{                                                                      \
		.dirfd = -1, .fd = -1                                          \
	}

/*
 * Before the target runs: PATH's directory is opened once, and an
 * unnamed file (O_TMPFILE, mode 0600) is made in it.  /dev/stdout,
 * /dev/stderr, /dev/fd/N and /proc/self/fd/N are a duplicate of that
 * descriptor, and an existing FIFO is opened as it is: both are written
 * in place.  -ELOOP if PATH is a symbolic link, -EISDIR a directory,
 * -EINVAL another kind of file, -EPERM a file of another user in a
 * sticky directory (the rename would fail), or another -errno.
 */
int cage_outfile_open(struct cage_outfile *of, const char *path, mode_t mode);
/* Removes what is at PATH's name now (not for a stream): --report, so
 * that a run that dies leaves no earlier report standing.  0 or -errno. */
int cage_outfile_clear(struct cage_outfile *of);
/*
 * After: the file, written through of->fd, takes PATH's name, replacing
 * whatever is there (a symbolic link or a hard link is replaced, never
 * followed or written through).  0 or -errno; when the rename failed
 * the file is kept under of->tmpname in the same directory.
 */
int cage_outfile_commit(struct cage_outfile *of);
/* Closes the directory (not of->fd) and removes what was not committed. */
void cage_outfile_close(struct cage_outfile *of);

#endif
