// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Escaping for text the target controls (its command name, strings read
 * from its memory, its command line): what comes out can neither move a
 * terminal's cursor, start an escape sequence, break a line to forge a
 * "syscage:" message, nor make a JSON Lines report invalid UTF-8.
 */
#include "base/text_escape.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The length of the valid UTF-8 sequence at S (N bytes left), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len;

	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	*cp = c & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
	for (size_t i = 1; i < len; i++) {
		if (i > 1 && (s[i] < 0x80 || s[i] > 0xbf))
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return len;
}

/* Valid, but a control to a terminal or a line break to some parsers. */
static bool
unsafe_code_point(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

bool
cage_text_escape(char *out, size_t size, const char *in, size_t len,
		 unsigned flags)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, i = 0;

	while (i < len) {
		char esc[8];
		const char *piece = esc;
		size_t n = 1, plen;
		uint32_t cp;

		if (s[i] == '\\' || (s[i] == '"' && (flags & CAGE_ESC_QUOTE))) {
			esc[0] = '\\';
			esc[1] = (char)s[i];
			plen = 2;
		} else if ((s[i] >= 0x20 && s[i] < 0x7f) ||
			   (s[i] == '\t' && (flags & CAGE_ESC_TAB))) {
			piece = (const char *)s + i;
			plen = 1;
		} else if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			esc[0] = '\\';
			esc[1] = (char)(s[i] == '\t'   ? 't'
					: s[i] == '\n' ? 'n'
						       : 'r');
			plen = 2;
		} else if ((n = utf8_seq(s + i, len - i, &cp)) == 0) {
			n = 1;
			plen = (size_t)snprintf(esc, sizeof(esc), "\\x%02x",
						s[i]);
		} else if (unsafe_code_point(cp)) {
			plen = (size_t)snprintf(esc, sizeof(esc), "\\u%04x",
						(unsigned)cp);
		} else {
			piece = (const char *)s + i;
			plen = n;
		}
		if (o + plen >= size)
			break;
		memcpy(out + o, piece, plen);
		o += plen;
		i += n;
	}
	if (size)
		out[o < size ? o : size - 1] = '\0';
	return i == len;
}

bool
cage_text_is_safe(const char *s)
{
	return !cage_text_needs_escape(s, strlen(s), 0);
}

bool
cage_text_needs_escape(const char *in, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)in;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n;

		if ((p[i] >= 0x20 && p[i] < 0x7f) ||
		    (p[i] == '\t' && (flags & CAGE_ESC_TAB))) {
			i++;
			continue;
		}
		n = utf8_seq(p + i, len - i, &cp);
		if (!n || unsafe_code_point(cp))
			return true;
		i += n;
	}
	return false;
}

const char *
cage_text_shown(const char *s, char *buf, size_t size)
{
	size_t len = strlen(s);

	if (!cage_text_needs_escape(s, len, 0))
		return s;
	if (!cage_text_escape(buf, size - 3, s, len, 0))
		memcpy(buf + strlen(buf), "...", 4);
	return buf;
}
