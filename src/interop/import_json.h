// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --import's state, and where a JSON value sits in its text: the
 * diagnostics every part of the import reports through (import_json.c).
 */
#ifndef CAGE_IMPORT_JSON_H
#define CAGE_IMPORT_JSON_H

#include "policy/policy.h"

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CAGE_IMPORT_NR_MAX 1024

/* One step of a path into a JSON document: a member KEY, or an INDEX. */
struct cage_jstep {
	const char *key; /* NULL: array element INDEX */
	size_t index;
};

/*
 * Where the value at PATH[0..N) starts in TEXT (with AT_KEY, where the
 * last member's key starts instead), and in *WIDTH its length when it is
 * a string or a scalar.  The deepest step found when the path breaks off.
 */
size_t cage_json_offset(const char *text, size_t len,
			const struct cage_jstep *path, size_t n, bool at_key,
			size_t *width);

struct cage_import {
	struct cage_source src; /* the JSON text, for diagnostics */
	struct cage_diags *diags;
	FILE *out;
	unsigned kernel[2]; /* major, minor */
	struct cage_action dflt;
	/* libseccomp keeps a syscall's first unconditional rule only, and
	 * drops its conditional ones: entry index + 1, or 0 */
	size_t uncond[CAGE_IMPORT_NR_MAX];
};

/* A diagnostic at byte OFF of the JSON, WIDTH wide; one at the value (or
 * with AT_KEY the key) at path P[0..N), WHERE the path. */
void cage_import_diag_at(struct cage_import *im, enum cage_severity sev,
			 size_t off, size_t width, const char *where,
			 const char *msg);
void cage_import_report(struct cage_import *im, enum cage_severity sev,
			const struct cage_jstep *p, size_t n, bool at_key,
			const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Element I of the array ARR if it is a string, else NULL. */
const char *cage_json_str_at(json_object *arr, size_t i);

#endif
