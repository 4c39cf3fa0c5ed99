// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The built-in policies' filters, compiled when syscage is built
 * (gen_embedded.c) and kept in the binary's read-only data: a launch
 * under a built-in generates no BPF, and nothing on disk that a sandboxed
 * program could write stands in for a compiled policy.
 */
#ifndef CAGE_EMBEDDED_H
#define CAGE_EMBEDDED_H

#include "compile/filter.h"

#include <linux/filter.h>

/* The hand-over fd the generator compiles in, patched at launch. */
#define CAGE_EMBEDDED_FD_SENTINEL 0x7ffffe5d

struct cage_embedded_prog {
	const struct sock_filter *insns;
	unsigned short len;
};

struct cage_embedded {
	const char *name;
	uint64_t hash; /* of the policy text it was compiled from */
	size_t size;
	struct cage_embedded_prog parts[CAGE_FILTER_MAX_PARTS];
	size_t nparts;
	struct cage_embedded_prog notify; /* enforce/audit, one policy */
	int notify_fd_at;		  /* the insn comparing the fd, or -1 */
};

/* Generated (gen_embedded.c); empty in the generator itself. */
extern const struct cage_embedded cage_embedded[];
extern const size_t cage_embedded_count;

/* FNV-1a, 64 bits: ties an entry to the text it was compiled from. */
uint64_t cage_text_hash(const char *text, size_t size);
/* POL's embedded filters if POL is a built-in exactly as shipped. */
const struct cage_embedded *cage_embedded_of(const struct cage_policy *pol);
/* The kernel filter stack of E, loaded without libseccomp. */
int cage_filter_from_embedded(const struct cage_embedded *e,
			      struct cage_filter **out);

/* For a launch: E's filters if POL is a built-in, else compiled now. */
int cage_filter_for_launch(const struct cage_policy *pol,
			   struct cage_diags *diags, struct cage_filter **out);
/* For a launch: the supervised filter of POLS, embedded if it can be. */
int cage_supervised_for_launch(struct cage_policy *const *pols, size_t n,
			       bool learn, int status_fd,
			       struct sock_fprog *out);

#endif
