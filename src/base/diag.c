// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Diagnostics: problems in policy text, collected with their place so that
 * a whole file is checked at once, and printed as file:line:col with a caret.
 * File names, messages and source lines are escaped (text_escape.c) when
 * they hold a control byte or invalid UTF-8: a policy file, its path or a
 * profile's text is not the terminal's to drive, nor a line to forge.
 */
#include "policy/policy.h"
#include "base/text_escape.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A policy line can be 1 MiB long: messages, source lines and carets are
 * kept and shown in part, and warnings in number, so that a hostile file
 * cannot make syscage print (or keep) megabytes per diagnostic.
 */
#define MAX_MESSAGE 512
#define MAX_OTHERS  100 /* warnings and notes */
#define SHOW_BEFORE 60	/* of a long line, shown before the column */
#define SHOW_WIDTH  160

/* Cut S to at most MAX bytes, on a UTF-8 character boundary, with "...". */
static void
clip(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return;
	n = max - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(s + n, "...", 4);
}

static int vappend(struct cage_diags *diags, enum cage_severity sev,
		   const struct cage_loc *loc, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
static int append(struct cage_diags *diags, enum cage_severity sev,
		  const struct cage_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * S[0..LEN) in a new string, escaped with FLAGS if ESC; NULL if out of
 * memory.  An escape is at most 4 bytes a byte ("\xNN").
 */
static char *
escaped(const char *s, size_t len, bool esc, unsigned flags)
{
	char *buf = malloc(4 * len + 1);

	if (!buf)
		return NULL;
	if (esc) {
		cage_text_escape(buf, 4 * len + 1, s, len, flags);
	} else {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

/* Built aside and appended whole: a failure leaves diags as it was. */
static int
vappend(struct cage_diags *diags, enum cage_severity sev,
	const struct cage_loc *loc, const char *fmt, va_list ap)
{
	struct cage_diag d = {.severity = sev};

	if (diags->n == diags->cap) {
		size_t cap = diags->cap ? diags->cap * 2 : 8;
		struct cage_diag *v = realloc(diags->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		diags->v = v;
		diags->cap = cap;
	}
	if (vasprintf(&d.message, fmt, ap) < 0)
		return -ENOMEM;
	/* Messages quote tokens, paths and profile text as they are. */
	if (cage_text_needs_escape(d.message, strlen(d.message), 0)) {
		char *m = escaped(d.message, strlen(d.message), true, 0);

		free(d.message);
		if (!m)
			return -ENOMEM;
		d.message = m;
	}
	clip(d.message, MAX_MESSAGE);
	if (loc && loc->file) {
		d.file = strdup(loc->file->name);
		d.line = loc->line;
		d.col = loc->col;
		d.len = loc->len;
		if (loc->line)
			d.source_line = cage_lex_line(
				loc->file->text, loc->file->size, loc->line);
		/* Nothing past the window print_source shows. */
		if (d.source_line)
			clip(d.source_line,
			     (size_t)d.col + d.len + 2 * (size_t)SHOW_WIDTH);
		if (!d.file) {
			free(d.source_line);
			free(d.message);
			return -ENOMEM;
		}
	}
	diags->v[diags->n++] = d;
	if (sev == CAGE_SEVERITY_ERROR)
		diags->errors++;
	return 0;
}

static int
append(struct cage_diags *diags, enum cage_severity sev,
       const struct cage_loc *loc, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vappend(diags, sev, loc, fmt, ap);
	va_end(ap);
	return err;
}

int
cage_diag_add(struct cage_diags *diags, enum cage_severity sev,
	      const struct cage_loc *loc, const char *fmt, ...)
{
	size_t others;
	va_list ap;
	int err;

	if (!diags)
		return 0;
	if (sev == CAGE_SEVERITY_ERROR &&
	    diags->errors >= CAGE_DIAGS_MAX_ERRORS) {
		diags->truncated = true;
		diags->errors++;
		return 0;
	}
	/* Errors past the limit are counted, not kept: the rest are not. */
	others = diags->n - (diags->errors < CAGE_DIAGS_MAX_ERRORS
				     ? diags->errors
				     : CAGE_DIAGS_MAX_ERRORS);
	if (sev != CAGE_SEVERITY_ERROR && others >= MAX_OTHERS)
		return others > MAX_OTHERS
			       ? 0
			       : append(diags, CAGE_SEVERITY_NOTE, NULL,
					"more than %d warnings; the rest are "
					"not shown",
					MAX_OTHERS);
	va_start(ap, fmt);
	err = vappend(diags, sev, loc, fmt, ap);
	va_end(ap);
	return err;
}

bool
cage_diags_full(const struct cage_diags *diags)
{
	return diags && diags->errors >= CAGE_DIAGS_MAX_ERRORS;
}

void
cage_diags_free(struct cage_diags *diags)
{
	if (!diags)
		return;
	for (size_t i = 0; i < diags->n; i++) {
		free(diags->v[i].file);
		free(diags->v[i].message);
		free(diags->v[i].source_line);
	}
	free(diags->v);
	memset(diags, 0, sizeof(*diags));
}

static const char *
severity_name(enum cage_severity sev)
{
	switch (sev) {
	case CAGE_SEVERITY_ERROR:
		return "error";
	case CAGE_SEVERITY_WARNING:
		return "warning";
	case CAGE_SEVERITY_NOTE:
		return "note";
	}
	return "error";
}

/* Characters in S, with a tab kept as one for CARET (NULL: counted only). */
static size_t
columns(const char *s, char *caret)
{
	size_t k = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80) {
			if (caret)
				caret[k] = *s == '\t' ? '\t' : ' ';
			k++;
		}
	return k;
}

/*
 * The source line, or of a long one a window around the column, and the
 * caret line under it, which keeps the source's tabs so that it lines up.
 * A window with a control byte or invalid UTF-8 is shown escaped, and the
 * caret counted on the escaped text.  Each is written whole: stderr is
 * unbuffered.
 */
static void
print_source(const struct cage_diag *d, FILE *out)
{
	const char *s = d->source_line;
	size_t n = strlen(s), col = d->col ? d->col - 1 : 0, from = 0, to, end;
	size_t len = d->len ? d->len : 1, k;
	char *before, *token, *after, *caret = NULL;
	bool esc;

	if (col > n)
		col = n;
	if (n > SHOW_WIDTH && col > SHOW_BEFORE)
		from = col - SHOW_BEFORE;
	while (from > 0 && ((unsigned char)s[from] & 0xc0) == 0x80)
		from--;
	to = n - from > SHOW_WIDTH ? from + SHOW_WIDTH : n;
	while (to < n && ((unsigned char)s[to] & 0xc0) == 0x80)
		to++;
	if (to < col)
		to = col;
	end = col + len < to ? col + len : to;
	esc = cage_text_needs_escape(s + from, to - from, CAGE_ESC_TAB);
	before = escaped(s + from, col - from, esc, CAGE_ESC_TAB);
	token = escaped(s + col, end - col, esc, CAGE_ESC_TAB);
	after = escaped(s + end, to - end, esc, CAGE_ESC_TAB);
	if (before && token && after)
		caret = malloc(3 + columns(before, NULL) +
			       columns(token, NULL) + 3);
	if (caret) {
		fprintf(out, "%s%s%s%s%s\n", from ? "..." : "", before, token,
			after, to < n ? "..." : "");
		k = from ? 3 : 0;
		memset(caret, ' ', k);
		k += columns(before, caret + k);
		caret[k++] = '^';
		for (size_t i = columns(token, NULL); i > 1; i--)
			caret[k++] = '~';
		caret[k++] = '\n';
		fwrite(caret, 1, k, out);
	}
	free(caret);
	free(before);
	free(token);
	free(after);
}

int
cage_diag_print(const struct cage_diag *d, FILE *out)
{
	char *file = d->file ? escaped(d->file, strlen(d->file),
				       cage_text_needs_escape(
					       d->file, strlen(d->file), 0),
				       0)
			     : NULL;

	if (file && d->line)
		fprintf(out, "%s:%u:%u: ", file, d->line, d->col);
	else if (file)
		fprintf(out, "%s: ", file);
	else if (d->file)
		fputs("?: ", out); /* out of memory to escape it */
	free(file);
	fprintf(out, "%s: %s\n", severity_name(d->severity), d->message);
	if (d->source_line)
		print_source(d, out);
	return ferror(out) ? -EIO : 0;
}

/* Line LINE (from 1) of SRC, without its newline: malloc'd, or NULL. */
char *
cage_lex_line(const char *src, size_t size, unsigned line)
{
	size_t pos = 0, end;

	for (unsigned l = 1; l < line; l++) {
		const char *nl = memchr(src + pos, '\n', size - pos);

		if (!nl)
			return NULL;
		pos = (size_t)(nl - src) + 1;
	}
	end = pos;
	while (end < size && src[end] != '\n')
		end++;
	if (end > pos && src[end - 1] == '\r')
		end--;
	return strndup(src + pos, end - pos);
}
