// SPDX-License-Identifier: LGPL-2.1-or-later
/* Resource limits: names as prlimit(1) spells them, and their values. */
#ifndef CAGE_LIMIT_NAMES_H
#define CAGE_LIMIT_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* RLIMIT_NOFILE for "nofile", ...; -EINVAL if unknown. */
int cage_rlimit_resource(const char *name);
const char *cage_rlimit_name(int resource);
/* Call FN with each name, for did-you-mean hints. */
void cage_rlimit_foreach(void (*fn)(const char *name, void *ctx), void *ctx);
/*
 * "1024", "4G" (sizes take K M G T, powers of 1024), "unlimited", or
 * "SOFT:HARD".  A single value sets both.  -EINVAL if malformed,
 * -ERANGE if too large, with *why saying what is wrong.
 */
int cage_rlimit_parse_value(int resource, const char *text, uint64_t *soft,
			    uint64_t *hard, const char **why);
/* The Nth resource of the table (-1 past the end); *STEP names its call. */
int cage_rlimit_nth(size_t n, const char **step);

#endif
