// SPDX-License-Identifier: LGPL-2.1-or-later
/* Calls and argument values that open an escape (lint.c, lint_default.c). */
#ifndef CAGE_LINT_VALUES_H
#define CAGE_LINT_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Argument values that open an escape: ARG == VALUE, and when ARG2 >= 0
 * also ARG2 == VALUE2 (a netlink protocol).
 */
struct cage_bad_value {
	const char *sys;
	unsigned arg;
	uint64_t value;
	int arg2;
	uint64_t value2;
	const char *what, *why;
};

extern const struct cage_bad_value cage_lint_bad_values[];
extern const size_t cage_lint_nbad_values;

/* The table has an entry for SYS's argument ARG == V alone (AF_PACKET). */
bool cage_lint_value_named(const char *sys, unsigned arg, uint64_t v);

/* Why allowing NAME at all opens a way out, or NULL. */
const char *cage_lint_danger(const char *name);
/* Why allowing NAME opens a way out where Landlock cannot scope it
 * (before ABI 6), or NULL. */
const char *cage_lint_unscoped(const char *name);

#endif
