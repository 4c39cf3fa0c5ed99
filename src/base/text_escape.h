// SPDX-License-Identifier: LGPL-2.1-or-later
/* Text the target controls, made safe for a terminal and a JSON string. */
#ifndef CAGE_TEXT_ESCAPE_H
#define CAGE_TEXT_ESCAPE_H

#include "syscage.h"

#include <stdbool.h>
#include <stddef.h>

/* cage_text_escape, cage_text_is_safe and cage_text_shown are public:
 * syscage.h. */

/* IN[0..LEN) has a byte that cage_text_escape with FLAGS would change
 * (a backslash or a quote alone does not count). */
bool cage_text_needs_escape(const char *in, size_t len, unsigned flags);

#endif
