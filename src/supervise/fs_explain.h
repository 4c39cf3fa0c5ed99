// SPDX-License-Identifier: LGPL-2.1-or-later
/* What fs_check.c found, in words: why, and what would allow it. */
#ifndef CAGE_FS_EXPLAIN_H
#define CAGE_FS_EXPLAIN_H

#include "supervise/fs_check.h"

/* F->why for a Landlock layer of POLICY: the nearest rule (RULE_PATH,
 * its ACCESS, FILE and LINE) and what the rules grant there (GRANTED),
 * or (RULE_PATH NULL) no rule at all. */
void cage_fs_say_rule(const char *policy, const char *rule_path,
		      unsigned access, const char *file, unsigned line,
		      unsigned granted, struct cage_fs_finding *f);
/* F->why for the view: absent, HIDDEN under the empty WHERE, READONLY,
 * or hidden on purpose (NONE: 'fs none' at WHERE). */
void cage_fs_say_view(bool hidden, bool readonly, bool none, const char *where,
		      struct cage_fs_finding *f);
/* F->allow and F->option: the line and the option granting NEED on P
 * (HOME: $HOME's value, for $HOME and ~), or none and F->withheld why
 * (fs_advice.h: P is the target's choice). */
void cage_fs_say_allow(const char *home, const char *p, unsigned need,
		       struct cage_fs_finding *f);

#endif
