// SPDX-License-Identifier: LGPL-2.1-or-later
/* A compiled policy: the stacked libseccomp filters it needs, in load order. */
#ifndef CAGE_FILTER_H
#define CAGE_FILTER_H

#include "policy/policy.h"

#include <seccomp.h>

#define CAGE_FILTER_MAX_PARTS 8
#define CAGE_FILTER_NR_LIMIT  1024

enum cage_filter_role {
	CAGE_FILTER_MAIN,
	CAGE_FILTER_EXCEPT,
	CAGE_FILTER_FALLBACK,
};

struct cage_filter_part {
	scmp_filter_ctx ctx;
	enum cage_filter_role role;
	struct cage_action dflt;
	struct cage_action key; /* EXCEPT: its action; FALLBACK: its default */
	/* FALLBACK: the syscalls it decides; all others it allows */
	unsigned char own[CAGE_FILTER_NR_LIMIT / 8];
};

struct cage_embedded;

struct cage_filter {
	struct cage_filter_part parts[CAGE_FILTER_MAX_PARTS];
	size_t n;
	size_t main;
	/* Compiled at build time (embedded.h): no libseccomp contexts, only
	 * programs to load or export as BPF. */
	const struct cage_embedded *embedded;
};

/* The libseccomp action for ours (kill is always the whole process). */
uint32_t cage_scmp_action(const struct cage_action *a);
/* A new part with default DFLT, native arch only, bad arch killed. */
int cage_filter_new_part(struct cage_filter *f, const struct cage_action *dflt,
			 enum cage_filter_role role);
/* R's comparisons (none if R is unconditional or NULL) with action ACT. */
int cage_filter_add_rule(scmp_filter_ctx ctx, const struct cage_rule *r,
			 const struct cage_action *act);
struct sock_fprog;
int cage_filter_mark(struct cage_filter_part *p, int nr);
/* Complete fallback filters and put the parts in load order. */
int cage_filter_finish(struct cage_filter *f);
/* Part INDEX as a raw program (prog->filter malloc'd); 0 or -errno. */
int cage_filter_program(const struct cage_filter *f, size_t index,
			struct sock_fprog *prog);

#endif
