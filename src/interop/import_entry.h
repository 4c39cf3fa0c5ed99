// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --import, reading a profile: typed members, actions and versions as
 * runc and crun read them, and each entry of syscalls[] (import_entry.c).
 */
#ifndef CAGE_IMPORT_ENTRY_H
#define CAGE_IMPORT_ENTRY_H

#include "interop/import_json.h"
#include "interop/region.h"

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

/* One entry of syscalls[], as the runtime would apply it here. */
struct cage_import_entry {
	json_object *names;
	const char *name; /* the old single "name" */
	const char *comment;
	char why[192]; /* not applied here, and why; empty if applied */
	bool bad;
	struct cage_action action;
	const char *note; /* how syscage's action differs, or NULL */
	struct cage_box box;
};

/* The value of KEY in OBJ if it has type TYPE; an error at P[0..N) if
 * it has another. */
json_object *cage_import_member(struct cage_import *im, json_object *obj,
				const char *key, json_type type,
				struct cage_jstep *p, size_t n);
/* Every element of ARR at P[0..N) is a string; errors for those that
 * are not. */
bool cage_import_strings(struct cage_import *im, json_object *arr,
			 struct cage_jstep *p, size_t n);
/* ARR holds one of the strings of WANT (NULL-terminated). */
bool cage_import_has_string(json_object *arr, const char *const *want);
/* Keys of OBJ not in KNOWN: warnings, as runtimes ignore them. */
void cage_import_unknown_keys(struct cage_import *im, json_object *obj,
			      const char *const *known, struct cage_jstep *p,
			      size_t n);
/* AKEY and EKEY of OBJ at P[0..N): an action as runc and crun read it,
 * and in *NOTE how syscage's differs. */
bool cage_import_parse_action(struct cage_import *im, json_object *obj,
			      const char *akey, const char *ekey,
			      struct cage_jstep *p, size_t n,
			      struct cage_action *a, const char **note);
/* "MAJOR[.MINOR...]" to V, MINOR 0 if absent. */
bool cage_import_parse_version(const char *s, unsigned v[2]);
/* Element I of syscalls[] into E, with an error for each bad value. */
void cage_import_parse_entry(struct cage_import *im, json_object *obj, size_t i,
			     struct cage_import_entry *e);

#endif
