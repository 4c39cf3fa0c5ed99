// SPDX-License-Identifier: LGPL-2.1-or-later
/* Compiled filters: completing, ordering, exporting and loading them. */
#include "filter.h"
#include "syscalls.h"

#include <errno.h>
#include <stdlib.h>

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
	return 2;
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
	for (size_t i = 0; i < f->n; i++)
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
	return seccomp_export_bpf(f->parts[index].ctx, fd);
}

int
cage_filter_export_pfc(const struct cage_filter *f, size_t index, int fd)
{
	if (index >= f->n)
		return -EINVAL;
	return seccomp_export_pfc(f->parts[index].ctx, fd);
}

int
cage_filter_load(const struct cage_filter *f, size_t index)
{
	if (index >= f->n)
		return -EINVAL;
	return seccomp_load(f->parts[index].ctx);
}
