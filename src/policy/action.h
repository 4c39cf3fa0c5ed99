// SPDX-License-Identifier: LGPL-2.1-or-later
/* Actions: their names, their precedence, and when two are the same. */
#ifndef CAGE_ACTION_H
#define CAGE_ACTION_H

#include "syscage.h"

#include <stdbool.h>

/* "allow", "errno", ...; "none" for anything else. */
const char *cage_action_name(enum cage_action_kind kind);
/* Lower beats higher when rules of one depth disagree. */
int cage_action_rank(const struct cage_action *a);
bool cage_action_equal(const struct cage_action *a,
		       const struct cage_action *b);

#endif
