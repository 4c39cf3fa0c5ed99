// SPDX-License-Identifier: LGPL-2.1-or-later
/* Compiled filters: completing, ordering and exporting them. */
#include "compile/embedded.h"
#include "compile/filter.h"
#include "base/syscalls.h"
#include "policy/action.h"

#include <errno.h>
#include <linux/filter.h>
#include <sys/mman.h>
#include <unistd.h>
#include <string.h>
#include <stdlib.h>

uint32_t
cage_scmp_action(const struct cage_action *a)
{
	switch (a->kind) {
	case CAGE_ACTION_ALLOW:
		return SCMP_ACT_ALLOW;
	case CAGE_ACTION_LOG:
		return SCMP_ACT_LOG;
	case CAGE_ACTION_ERRNO:
		return SCMP_ACT_ERRNO((uint16_t)a->errnum);
	case CAGE_ACTION_TRAP:
		return SCMP_ACT_TRAP;
	case CAGE_ACTION_NOTIFY:
		return SCMP_ACT_NOTIFY;
	case CAGE_ACTION_KILL:
	case CAGE_ACTION_NONE:
	case CAGE_ACTION_DENY:
		break;
	}
	return SCMP_ACT_KILL_PROCESS;
}

int
cage_filter_new_part(struct cage_filter *f, const struct cage_action *dflt,
		     enum cage_filter_role role)
{
	struct cage_filter_part *p;
	scmp_filter_ctx ctx;
	int err;

	if (f->n == CAGE_FILTER_MAX_PARTS)
		return -E2BIG;
	ctx = seccomp_init(cage_scmp_action(dflt));
	if (!ctx)
		return -ENOMEM;
	/* Bad architecture (i386 int $0x80, x32) kills the process. */
	err = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			       SCMP_ACT_KILL_PROCESS);
	/* no_new_privs is set, and checked, by the launcher itself. */
	if (!err)
		err = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (!err)
		err = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (!err)
		err = seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1);
	if (err) {
		seccomp_release(ctx);
		return err;
	}
	p = &f->parts[f->n++];
	p->ctx = ctx;
	p->role = role;
	p->dflt = *dflt;
	return 0;
}

int
cage_filter_add_rule(scmp_filter_ctx ctx, const struct cage_rule *r,
		     const struct cage_action *act)
{
	struct scmp_arg_cmp cmps[6];
	static const enum scmp_compare ops[] = {
		[CAGE_OP_EQ] = SCMP_CMP_EQ,
		[CAGE_OP_NE] = SCMP_CMP_NE,
		[CAGE_OP_LT] = SCMP_CMP_LT,
		[CAGE_OP_LE] = SCMP_CMP_LE,
		[CAGE_OP_GT] = SCMP_CMP_GT,
		[CAGE_OP_GE] = SCMP_CMP_GE,
		[CAGE_OP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
		[CAGE_OP_IN] = SCMP_CMP_EQ,
	};
	unsigned n = r ? r->ncmps : 0;

	for (unsigned i = 0; i < n; i++) {
		cmps[i].arg = r->cmps[i].arg;
		cmps[i].op = ops[r->cmps[i].op];
		if (r->cmps[i].op == CAGE_OP_MASKED_EQ) {
			cmps[i].datum_a = r->cmps[i].mask;
			cmps[i].datum_b = r->cmps[i].value;
		} else {
			cmps[i].datum_a = r->cmps[i].value;
			cmps[i].datum_b = 0;
		}
	}
	return seccomp_rule_add_exact_array(ctx, cage_scmp_action(act),
					    r ? r->nr : 0, n, cmps);
}

int
cage_filter_mark(struct cage_filter_part *p, int nr)
{
	if (nr < 0 || nr >= CAGE_FILTER_NR_LIMIT)
		return -ERANGE;
	p->own[nr / 8] |= (unsigned char)(1u << (nr % 8));
	return 0;
}

static bool
owns(const struct cage_filter_part *p, int nr)
{
	return p->own[nr / 8] & (1u << (nr % 8));
}

/*
 * A fallback filter denies by default, so it must allow every syscall it
 * does not decide: every number below CAGE_FILTER_NR_LIMIT, far past the
 * highest x86-64 syscall.  Numbers above that do not exist in the kernel;
 * a fallback filter gives them its own action (never less strict).
 */
static int
allow_others(struct cage_filter_part *p)
{
	int err = 0;

	for (int nr = 0; nr < CAGE_FILTER_NR_LIMIT && !err; nr++)
		if (!owns(p, nr))
			err = seccomp_rule_add_exact(p->ctx, SCMP_ACT_ALLOW, nr,
						     0);
	return err;
}

static int
load_rank(const struct cage_filter_part *p)
{
	switch (p->role) {
	case CAGE_FILTER_FALLBACK:
		return 0;
	case CAGE_FILTER_MAIN:
		return 1;
	case CAGE_FILTER_EXCEPT:
		break;
	}
	/* Except filters by strictness, then errno: on a tie the kernel
	 * takes the filter loaded last, and decide.c takes the same. */
	return 2 + cage_action_rank(&p->key) * 8192 +
	       (p->key.kind == CAGE_ACTION_ERRNO ? p->key.errnum : 0);
}

int
cage_filter_finish(struct cage_filter *f)
{
	int err = 0;

	for (size_t i = 0; i < f->n && !err; i++)
		if (f->parts[i].role == CAGE_FILTER_FALLBACK)
			err = allow_others(&f->parts[i]);
	/* A stable insertion sort by role: a handful of parts. */
	for (size_t i = 1; i < f->n; i++) {
		struct cage_filter_part tmp = f->parts[i];
		size_t k = i;

		for (; k > 0 && load_rank(&f->parts[k - 1]) > load_rank(&tmp);
		     k--)
			f->parts[k] = f->parts[k - 1];
		f->parts[k] = tmp;
	}
	for (size_t i = 0; i < f->n; i++)
		if (f->parts[i].role == CAGE_FILTER_MAIN)
			f->main = i;
	return err;
}

void
cage_filter_free(struct cage_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n && !f->embedded; i++)
		seccomp_release(f->parts[i].ctx);
	free(f);
}

size_t
cage_filter_count(const struct cage_filter *f)
{
	return f->n;
}

int
cage_filter_export_bpf(const struct cage_filter *f, size_t index, int fd)
{
	if (index >= f->n)
		return -EINVAL;
	if (f->embedded) {
		const struct cage_embedded_prog *p = &f->embedded->parts[index];
		size_t size = p->len * sizeof(*p->insns);

		return write(fd, p->insns, size) == (ssize_t)size ? 0 : -EIO;
	}
	return seccomp_export_bpf(f->parts[index].ctx, fd);
}

int
cage_filter_export_pfc(const struct cage_filter *f, size_t index, int fd)
{
	if (index >= f->n || f->embedded)
		return -EINVAL;
	return seccomp_export_pfc(f->parts[index].ctx, fd);
}

/*
 * Part INDEX as a raw program, generated by libseccomp: the supervised
 * filter is loaded with a plain seccomp(2) so that its errno (EBUSY: a
 * listener up the chain) arrives intact, which seccomp_load does not
 * promise.
 */
int
cage_filter_program(const struct cage_filter *f, size_t index,
		    struct sock_fprog *prog)
{
	int fd = memfd_create("syscage-bpf", MFD_CLOEXEC), err;
	off_t size;

	prog->filter = NULL;
	if (fd < 0)
		return -errno;
	err = cage_filter_export_bpf(f, index, fd);
	size = err ? -1 : lseek(fd, 0, SEEK_END);
	if (!err && (size <= 0 || size % sizeof(struct sock_filter)))
		err = -EINVAL;
	if (!err && size / sizeof(struct sock_filter) > BPF_MAXINSNS)
		err = -E2BIG;
	if (!err && !(prog->filter = malloc((size_t)size)))
		err = -ENOMEM;
	if (!err && pread(fd, prog->filter, (size_t)size, 0) != size)
		err = -EIO;
	close(fd);
	if (err) {
		free(prog->filter);
		prog->filter = NULL;
		return err;
	}
	prog->len = (unsigned short)(size / sizeof(struct sock_filter));
	return 0;
}
