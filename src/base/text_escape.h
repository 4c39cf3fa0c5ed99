// SPDX-License-Identifier: LGPL-2.1-or-later
/* Text the target controls, made safe for a terminal and a JSON string. */
#ifndef CAGE_TEXT_ESCAPE_H
#define CAGE_TEXT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#define CAGE_ESC_QUOTE 1u /* '"' becomes \" too (inside a quoted string) */
#define CAGE_ESC_TAB   2u /* a tab stays a tab (a source line's caret) */

/*
 * IN[0..LEN) into OUT (SIZE >= 1, always NUL-terminated) as printable
 * ASCII and valid UTF-8 of printable characters: '\' becomes "\\", tab,
 * line feed and carriage return "\t" "\n" "\r", any other control byte
 * and any byte that is not part of valid UTF-8 "\xNN", and the C1
 * controls, line and paragraph separators and bidirectional controls
 * "\uNNNN".  An escape or a character is never cut; false if IN did not
 * fit whole.
 */
bool cage_text_escape(char *out, size_t size, const char *in, size_t len,
		      unsigned flags);
/* S holds only what cage_text_escape writes: nothing to escape. */
bool cage_text_is_safe(const char *s);
/* IN[0..LEN) has a byte that cage_text_escape with FLAGS would change
 * (a backslash or a quote alone does not count). */
bool cage_text_needs_escape(const char *in, size_t len, unsigned flags);
/* S itself if nothing in it needs escaping, else S escaped into BUF
 * (SIZE >= 4), cut with "..." if it does not fit. */
const char *cage_text_shown(const char *s, char *buf, size_t size);

#endif
