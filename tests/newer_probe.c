// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Real calls to the syscalls newer than the built-in policies' first
 * version (issue 14, point 7), with working arguments, one line each:
 * "name: ok" or "name: errno NAME".  tests/integration/newer.sh runs it
 * bare and under each built-in and compares.  Run in a directory that
 * holds "file" (a regular file) and "link" (a symlink to it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* x86-64 numbers: Debian 12's headers stop at 6.1's. */
enum {
	NR_futex_waitv = 449,
	NR_cachestat = 451,
	NR_fchmodat2 = 452,
	NR_map_shadow_stack = 453,
	NR_futex_wake = 454,
	NR_futex_wait = 455,
	NR_futex_requeue = 456,
	NR_statmount = 457,
	NR_listmount = 458,
	NR_lsm_get_self_attr = 459,
	NR_lsm_set_self_attr = 460,
	NR_lsm_list_modules = 461,
	NR_mseal = 462,
	NR_setxattrat = 463,
	NR_getxattrat = 464,
	NR_listxattrat = 465,
	NR_removexattrat = 466,
	NR_open_tree_attr = 467,
	NR_file_getattr = 468,
	NR_file_setattr = 469,
};

#define FUTEX2_SIZE_U32	 0x02
#define FUTEX2_PRIVATE	 128
#define LSMT_ROOT	 0xffffffffffffffffULL
#define LSM_ATTR_CURRENT 100

struct waitv {
	uint64_t val, uaddr;
	uint32_t flags, reserved;
};
struct mnt_req {
	uint32_t size, spare;
	uint64_t mnt_id, param;
};
struct xattr_args {
	uint64_t value;
	uint32_t size, flags;
};
struct file_attr {
	uint64_t xflags;
	uint32_t extsize, nextents, projid, cowextsize;
};

static void
report(const char *name, long r)
{
	if (r >= 0)
		printf("%s: ok\n", name);
	else
		printf("%s: errno %s\n", name, strerrorname_np(errno));
	fflush(stdout);
}

static void
futexes(void)
{
	static uint32_t word = 1, other = 2;
	struct waitv w[2] = {
		{0, (uintptr_t)&word, FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0},
		{2, (uintptr_t)&other, FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0},
	};

	/* Values that differ: each returns at once (EAGAIN), never sleeps. */
	report("futex_waitv", syscall(NR_futex_waitv, w, 1, 0, NULL, 0));
	report("futex_wake", syscall(NR_futex_wake, &word, ~0UL, 1,
				     FUTEX2_SIZE_U32 | FUTEX2_PRIVATE));
	report("futex_wait",
	       syscall(NR_futex_wait, &word, 0UL, ~0UL,
		       FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, NULL, 0));
	report("futex_requeue", syscall(NR_futex_requeue, w, 0, 1, 0));
}

static void
memory(void)
{
	struct {
		uint64_t off, len;
	} range = {0, 0};
	uint64_t cs[5];
	int fd = open("file", O_RDONLY);
	void *page =
		mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	report("cachestat", syscall(NR_cachestat, fd, &range, cs, 0));
	report("mseal", syscall(NR_mseal, page, 4096UL, 0UL));
	report("map_shadow_stack",
	       syscall(NR_map_shadow_stack, 0UL, 4096UL, 0U));
	close(fd);
}

static void
mounts(void)
{
	struct mnt_req req = {24, 0, LSMT_ROOT, 0};
	uint64_t ids[256];
	static char buf[8192];
	long n = syscall(NR_listmount, &req, ids, 256UL, 0U);

	report("listmount", n);
	req.mnt_id = n > 0 ? ids[0] : 0;
	req.param = 0x1; /* STATMOUNT_SB_BASIC */
	report("statmount", syscall(NR_statmount, &req, buf, sizeof(buf), 0U));
	/* Flags no kernel knows: EINVAL bare, nothing made. */
	report("open_tree_attr",
	       syscall(NR_open_tree_attr, AT_FDCWD, ".", ~0U, NULL, 0UL));
}

static void
xattrs(void)
{
	char value[] = "v", list[256];
	struct xattr_args a = {(uintptr_t)value, 1, 0};
	struct file_attr fa;

	report("setxattrat", syscall(NR_setxattrat, AT_FDCWD, "file", 0,
				     "user.syscage", &a, sizeof(a)));
	report("getxattrat", syscall(NR_getxattrat, AT_FDCWD, "file", 0,
				     "user.syscage", &a, sizeof(a)));
	report("listxattrat", syscall(NR_listxattrat, AT_FDCWD, "file", 0, list,
				      sizeof(list)));
	report("removexattrat",
	       syscall(NR_removexattrat, AT_FDCWD, "file", 0, "user.syscage"));
	memset(&fa, 0, sizeof(fa));
	report("file_getattr",
	       syscall(NR_file_getattr, AT_FDCWD, "file", &fa, sizeof(fa), 0U));
	/* What it read, written back: changes nothing. */
	report("file_setattr",
	       syscall(NR_file_setattr, AT_FDCWD, "file", &fa, sizeof(fa), 0U));
}

static void
lsm(void)
{
	uint64_t ids[16];
	uint32_t size = sizeof(ids);
	static char ctx[4096];
	uint32_t csize = sizeof(ctx);

	report("lsm_list_modules",
	       syscall(NR_lsm_list_modules, ids, &size, 0U));
	report("lsm_get_self_attr", syscall(NR_lsm_get_self_attr,
					    LSM_ATTR_CURRENT, ctx, &csize, 0U));
	/* An empty context: EINVAL bare, nothing set. */
	report("lsm_set_self_attr",
	       syscall(NR_lsm_set_self_attr, LSM_ATTR_CURRENT, ctx, 0U, 0U));
}

int
main(void)
{
	/* glibc 2.39+'s lchmod: on a symlink, EOPNOTSUPP from the kernel. */
	report("fchmodat2-link", syscall(NR_fchmodat2, AT_FDCWD, "link", 0644,
					 AT_SYMLINK_NOFOLLOW));
	report("fchmodat2-file",
	       syscall(NR_fchmodat2, AT_FDCWD, "file", 0640, 0));
	report("fchmodat2-setgid",
	       syscall(NR_fchmodat2, AT_FDCWD, "file", 02750, 0));
	futexes();
	memory();
	mounts();
	xattrs();
	lsm();
	return 0;
}
