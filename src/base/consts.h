// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Named constants for policy files (O_RDONLY, AF_UNIX, TIOCSTI, EPERM...),
 * generated at build time from the system headers by gen_consts.py.
 */
#ifndef CAGE_CONSTS_H
#define CAGE_CONSTS_H

#include <stddef.h>
#include <stdint.h>

struct cage_const {
	const char *name;
	uint64_t value;
};

/* Sorted by name (strcmp order); negative values sign-extended to 64 bits. */
extern const struct cage_const cage_consts[];
extern const size_t cage_consts_count;

/* 0 and *value set, or -ENOENT */
int cage_const_lookup(const char *name, uint64_t *value);

/* errno names only (EPERM, ENOSYS...): number or -ENOENT */
int cage_errno_lookup(const char *name);

/*
 * Name of an errno value ("EPERM"), or NULL; the canonical name when aliases
 * exist (EAGAIN, not EWOULDBLOCK; EDEADLK; EOPNOTSUPP, not ENOTSUP).
 */
const char *cage_errno_name(int err);

/* iterate for did-you-mean: calls fn(name, ctx) for every constant */
void cage_const_foreach(void (*fn)(const char *name, void *ctx), void *ctx);

#endif
