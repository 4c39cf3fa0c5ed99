// SPDX-License-Identifier: LGPL-2.1-or-later
/* Diagnostics: places in source files, and the messages about them. */
#ifndef CAGE_DIAG_H
#define CAGE_DIAG_H

#include "syscage.h"

#include <stdbool.h>
#include <stddef.h>

/* A place in a source file; FILE points into the policy's file list. */
struct cage_loc {
	const struct cage_source *file;
	unsigned line, col, len;
};

/* One file's text, kept for diagnostics for the policy's lifetime. */
struct cage_source {
	char *name; /* as shown to the user */
	char *dir;  /* for relative includes; NULL for built-ins */
	char *text;
	size_t size;
	unsigned depth; /* include depth: 0 for the file named by the user */
};

/* Full: no more errors will be kept, so skip costly hints */
bool cage_diags_full(const struct cage_diags *diags);
int cage_diag_add(struct cage_diags *diags, enum cage_severity sev,
		  const struct cage_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The text of line LINE (1-based) of SRC, malloc'd, or NULL. */
char *cage_lex_line(const char *src, size_t size, unsigned line);

#endif
