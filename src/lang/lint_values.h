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

/*
 * Flag bits that open an escape when an allowing rule lets a caller set
 * them.  QUERY: a value that only reads (personality(0xffffffff)).
 */
struct cage_bad_bit {
	const char *sys;
	uint64_t bit;
	const char *what, *why;
	uint64_t query;
};

extern const struct cage_bad_bit cage_lint_bad_bits[];
extern const size_t cage_lint_nbad_bits;

/*
 * Calls that change another process by pid (or group, or user): safe
 * only where the rule pins each of WHICH (when >= 0) and the pid to the
 * caller.  ALSO (>= 0): an argument that, pinned to 0, makes the call
 * only read (prlimit64's new limits).
 */
struct cage_pid_call {
	const char *sys;
	int which;	     /* argument saying what WHO is, or -1 */
	uint64_t self_which; /* its value for "a process" */
	unsigned who;	     /* the pid argument */
	int also;
	const char *why, *fix;
};

extern const struct cage_pid_call cage_lint_pid_calls[];
extern const size_t cage_lint_npid_calls;

/* Calls that set a file's mode: MODE's argument, and FLAGS' for an open
 * that sets it only when it creates (O_CREAT or O_TMPFILE), or -1. */
struct cage_mode_call {
	const char *sys;
	unsigned mode;
	int flags;
};

extern const struct cage_mode_call cage_lint_mode_calls[];
extern const size_t cage_lint_nmode_calls;

#endif
