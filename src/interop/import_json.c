// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Places in JSON text, for diagnostics: json-c parses a profile but keeps
 * no positions, so a path into the (already valid) document is walked
 * again over the raw text to find the line and column of a bad value.
 */
#include "interop/import_json.h"
#include "base/text_escape.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scan {
	const char *s;
	size_t len, pos;
	unsigned depth;
};

static void
skip_ws(struct scan *sc)
{
	while (sc->pos < sc->len && strchr(" \t\r\n", sc->s[sc->pos]))
		sc->pos++;
}

static void
skip_string(struct scan *sc)
{
	sc->pos++; /* the opening quote */
	while (sc->pos < sc->len && sc->s[sc->pos] != '"')
		sc->pos += sc->s[sc->pos] == '\\' ? 2 : 1;
	if (sc->pos < sc->len)
		sc->pos++;
}

static void skip_value(struct scan *sc);

/* Past the members or elements of the object or array at POS. */
static void
skip_container(struct scan *sc)
{
	char close = sc->s[sc->pos] == '{' ? '}' : ']';

	sc->pos++;
	for (;;) {
		skip_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] == close)
			break;
		if (sc->s[sc->pos] == ',' || sc->s[sc->pos] == ':') {
			sc->pos++;
			continue;
		}
		skip_value(sc);
	}
	if (sc->pos < sc->len)
		sc->pos++;
}

static void
skip_value(struct scan *sc)
{
	char c = sc->s[sc->pos];

	if (c == '"') {
		skip_string(sc);
	} else if ((c == '{' || c == '[') && sc->depth < 64) {
		sc->depth++;
		skip_container(sc);
		sc->depth--;
	} else {
		while (sc->pos < sc->len &&
		       !strchr(",}] \t\r\n", sc->s[sc->pos]))
			sc->pos++;
	}
}

/* In the object at POS, to member KEY's key; false if it is not there. */
static bool
find_member(struct scan *sc, const char *key)
{
	size_t klen = strlen(key);

	sc->pos++;
	for (;;) {
		size_t start;

		skip_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
			return false;
		start = sc->pos;
		skip_string(sc);
		if (sc->pos - start == klen + 2 &&
		    !memcmp(sc->s + start + 1, key, klen)) {
			sc->pos = start;
			return true;
		}
		skip_ws(sc);
		if (sc->pos < sc->len && sc->s[sc->pos] == ':')
			sc->pos++;
		skip_ws(sc);
		if (sc->pos >= sc->len)
			return false;
		skip_value(sc);
		skip_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != ',')
			return false;
		sc->pos++;
	}
}

/* In the array at POS, to element INDEX. */
static bool
find_element(struct scan *sc, size_t index)
{
	sc->pos++;
	for (size_t i = 0;; i++) {
		skip_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] == ']')
			return false;
		if (i == index)
			return true;
		skip_value(sc);
		skip_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != ',')
			return false;
		sc->pos++;
	}
}

/* From a member's key to its value. */
static void
to_value(struct scan *sc)
{
	skip_string(sc);
	skip_ws(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == ':')
		sc->pos++;
	skip_ws(sc);
}

size_t
cage_json_offset(const char *text, size_t len, const struct cage_jstep *path,
		 size_t n, bool at_key, size_t *width)
{
	struct scan sc = {text, len, 0, 0};
	size_t found = 0, end;

	skip_ws(&sc);
	for (size_t i = 0; i < n && sc.pos < len; i++) {
		char want = path[i].key ? '{' : '[';

		if (text[sc.pos] != want)
			break;
		if (path[i].key ? !find_member(&sc, path[i].key)
				: !find_element(&sc, path[i].index))
			break;
		found = sc.pos;
		if (path[i].key && (i + 1 < n || !at_key)) {
			to_value(&sc);
			found = sc.pos;
		}
	}
	sc.pos = found;
	if (found < len && strchr("{[", text[found]))
		end = found + 1;
	else if (found < len)
		skip_value(&sc), end = sc.pos;
	else
		end = found;
	*width = end > found ? end - found : 1;
	return found;
}

/* A path as text: syscalls[3].args[0].op */
static void
path_text(const struct cage_jstep *p, size_t n, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)(p[i].key ? snprintf(buf + len, size - len,
						    "%s%s", i ? "." : "",
						    p[i].key)
					 : snprintf(buf + len, size - len,
						    "[%zu]", p[i].index));
}

/*
 * A diagnostic at byte OFF of the JSON text, WIDTH wide.  WHERE and MSG
 * may quote the profile (a key, an action's name): escaped if they do.
 */
void
cage_import_diag_at(struct cage_import *im, enum cage_severity sev, size_t off,
		    size_t width, const char *where, const char *msg)
{
	struct cage_loc loc = {&im->src, 1, 1, 1};
	size_t nl = 0, wlen = strlen(where), mlen = strlen(msg);
	char *w = NULL, *m = NULL;

	if (off > im->src.size)
		off = im->src.size;
	for (size_t i = 0; i < off; i++)
		if (im->src.text[i] == '\n') {
			loc.line++;
			nl = i + 1;
		}
	loc.col = (unsigned)(off - nl + 1);
	loc.len = (unsigned)width;
	for (size_t i = off; i < off + width && i < im->src.size; i++)
		if (im->src.text[i] == '\n')
			loc.len = (unsigned)(i > off ? i - off : 1);
	if (cage_text_needs_escape(where, wlen, 0) &&
	    (w = malloc(4 * wlen + 1)))
		cage_text_escape(w, 4 * wlen + 1, where, wlen, 0);
	if (cage_text_needs_escape(msg, mlen, 0) && (m = malloc(4 * mlen + 1)))
		cage_text_escape(m, 4 * mlen + 1, msg, mlen, 0);
	if ((w || !cage_text_needs_escape(where, wlen, 0)) &&
	    (m || !cage_text_needs_escape(msg, mlen, 0)))
		cage_diag_add(im->diags, sev, &loc, "%s%s%s", w ? w : where,
			      where[0] ? ": " : "", m ? m : msg);
	else /* out of memory: the place, without the profile's words */
		cage_diag_add(im->diags, sev, &loc, "%s",
			      "(out of memory to show the message)");
	free(w);
	free(m);
}

void
cage_import_report(struct cage_import *im, enum cage_severity sev,
		   const struct cage_jstep *p, size_t n, bool at_key,
		   const char *fmt, ...)
{
	size_t width, off;
	char where[160], *msg = NULL;
	va_list ap;

	off = cage_json_offset(im->src.text, im->src.size, p, n, at_key,
			       &width);
	path_text(p, n, where, sizeof(where));
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	cage_import_diag_at(im, sev, off, width, where, msg ? msg : fmt);
	free(msg);
}

const char *
cage_json_str_at(json_object *arr, size_t i)
{
	json_object *v = json_object_array_get_idx(arr, i);

	return json_object_is_type(v, json_type_string)
		       ? json_object_get_string(v)
		       : NULL;
}
