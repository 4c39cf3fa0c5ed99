// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * io_uring: operations a ring runs never pass through seccomp, so a ring
 * opens files and sockets the filter denies.  Tries io_uring_setup and, if
 * it is allowed, an IORING_OP_OPENAT that creates a file (in argv[1]).
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Submit one openat through the ring and return the CQE's result. */
static int
ring_openat(int fd, const struct io_uring_params *p, const char *path)
{
	size_t sq_sz = p->sq_off.array + p->sq_entries * sizeof(unsigned);
	size_t cq_sz =
		p->cq_off.cqes + p->cq_entries * sizeof(struct io_uring_cqe);
	unsigned char *sq, *cq;
	struct io_uring_sqe *sqes, *sqe;
	struct io_uring_cqe *cqe;
	unsigned tail, idx;

	if (cq_sz > sq_sz)
		sq_sz = cq_sz;
	sq = mmap(NULL, sq_sz, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
	sqes = mmap(NULL, p->sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || sqes == MAP_FAILED)
		return -errno;
	cq = sq; /* IORING_FEAT_SINGLE_MMAP, every kernel since 5.4 */
	tail = *(unsigned *)(sq + p->sq_off.tail);
	idx = tail & *(unsigned *)(sq + p->sq_off.ring_mask);
	sqe = &sqes[idx];
	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = IORING_OP_OPENAT;
	sqe->fd = AT_FDCWD;
	sqe->addr = (uint64_t)(uintptr_t)path;
	sqe->len = 0600;
	sqe->open_flags = O_WRONLY | O_CREAT | O_CLOEXEC;
	((unsigned *)(sq + p->sq_off.array))[idx] = idx;
	__atomic_store_n((unsigned *)(sq + p->sq_off.tail), tail + 1,
			 __ATOMIC_RELEASE);
	if (syscall(SYS_io_uring_enter, fd, 1, 1, IORING_ENTER_GETEVENTS, NULL,
		    0) < 0)
		return -errno;
	cqe = (struct io_uring_cqe *)(cq + p->cq_off.cqes) +
	      (*(unsigned *)(cq + p->cq_off.head) &
	       *(unsigned *)(cq + p->cq_off.ring_mask));
	return cqe->res;
}

int
main(int argc, char **argv)
{
	struct io_uring_params p;
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	char path[4096];
	long fd;
	int res;

	memset(&p, 0, sizeof(p));
	fd = syscall(SYS_io_uring_setup, 4, &p);
	if (esc_denied("io_uring_setup", fd)) {
		/* With no ring, enter and register on a bad fd show what the
		 * filter says: EBADF would mean they reach the kernel. */
		esc_denied("io_uring_enter(-1)",
			   syscall(SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0));
		esc_denied("io_uring_register(-1)",
			   syscall(SYS_io_uring_register, -1, 0, NULL, 0));
		esc_blocked("io_uring openat op", "no ring to submit it to");
		return esc_finish();
	}
	snprintf(path, sizeof(path), "%s/io_uring-created.%d", dir, getpid());
	res = ring_openat((int)fd, &p, path);
	if (res >= 0) {
		esc_escaped("io_uring openat op",
			    "created %s with O_CREAT, unseen by seccomp", path);
		unlink(path);
	} else {
		esc_blocked("io_uring openat op", "%s", esc_errname(-res));
	}
	return esc_finish();
}
