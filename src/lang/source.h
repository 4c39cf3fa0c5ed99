// SPDX-License-Identifier: LGPL-2.1-or-later
/* Finding and reading a policy's text, for load.c's walk of the includes. */
#ifndef CAGE_SOURCE_H
#define CAGE_SOURCE_H

#include "lang/builtins.h"
#include "lang/loader.h"

#include <sys/stat.h>

/* NAME's text, found: a file opened but not read yet, or a built-in. */
struct cage_found {
	char *path;
	int fd;
	struct stat st;
	const struct cage_builtin *builtin;
};

/* A source of TEXT (taken); F, a file's identity, NULL for a built-in. */
struct cage_source *cage_source_new(const char *name, const char *dir,
				    char *text, size_t size,
				    const struct stat *f);
void cage_source_free(struct cage_source *src);
/*
 * Find NAME's text.  FROM is the including file (NULL for the top):
 * paths are relative to it, and built-ins include only built-ins.  The
 * file is opened, not read: see cage_source_known.  Errors are reported.
 */
int cage_source_find(struct cage_loader *ld, const char *name,
		     const struct cage_source *from, const struct cage_loc *loc,
		     struct cage_found *f);
/* Read what cage_source_find found into a source (named NAME if a
 * built-in). */
int cage_source_read(struct cage_loader *ld, const char *name,
		     struct cage_found *f, const struct cage_loc *loc,
		     struct cage_source **out);
/* The source read already that F is, or NULL. */
struct cage_source *cage_source_known(const struct cage_loader *ld,
				      const struct cage_found *f,
				      const char *name);
void cage_source_found_clear(struct cage_found *f);

#endif
