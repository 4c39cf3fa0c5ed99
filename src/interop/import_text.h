// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --import, the writing half (import_text.c): which entry decides each
 * syscall named without arguments; then the policy text, and a check
 * that it loads.
 */
#ifndef CAGE_IMPORT_TEXT_H
#define CAGE_IMPORT_TEXT_H

#include "interop/import_entry.h"
#include "interop/import_json.h"

#include <stddef.h>

void cage_import_decide(struct cage_import *im,
			const struct cage_import_entry *v, size_t n);
void cage_import_print_header(struct cage_import *im, const char *dflt_note);
int cage_import_print_entries(struct cage_import *im,
			      const struct cage_import_entry *v, size_t n);
int cage_import_verify(struct cage_import *im, const char *text, size_t len);

#endif
