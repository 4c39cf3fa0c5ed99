// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Diagnostics: problems in policy text, collected with their place so that
 * a whole file is checked at once, and printed as file:line:col with a caret.
 */
#include "policy.h"
#include "policy_lex.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cage_diag_add(struct cage_diags *diags, enum cage_severity sev,
	      const struct cage_loc *loc, const char *fmt, ...)
{
	/* Built aside and appended whole: a failure leaves diags as it was. */
	struct cage_diag d = {.severity = sev};
	va_list ap;
	int n;

	if (!diags)
		return 0;
	if (sev == CAGE_SEVERITY_ERROR &&
	    diags->errors >= CAGE_DIAGS_MAX_ERRORS) {
		diags->truncated = true;
		diags->errors++;
		return 0;
	}
	if (diags->n == diags->cap) {
		size_t cap = diags->cap ? diags->cap * 2 : 8;
		struct cage_diag *v = realloc(diags->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		diags->v = v;
		diags->cap = cap;
	}
	va_start(ap, fmt);
	n = vasprintf(&d.message, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	if (loc && loc->file) {
		d.file = strdup(loc->file->name);
		d.line = loc->line;
		d.col = loc->col;
		d.len = loc->len;
		if (loc->line)
			d.source_line = cage_lex_line(
				loc->file->text, loc->file->size, loc->line);
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

/* The caret line keeps the source's tabs so that it lines up. */
static void
print_caret(const struct cage_diag *d, FILE *out)
{
	const char *s = d->source_line;
	unsigned col = d->col ? d->col : 1;

	for (unsigned i = 1; i < col && s[i - 1]; i++)
		fputc(s[i - 1] == '\t' ? '\t' : ' ', out);
	fputc('^', out);
	for (unsigned i = 1; i < d->len; i++)
		fputc('~', out);
	fputc('\n', out);
}

int
cage_diag_print(const struct cage_diag *d, FILE *out)
{
	if (d->file && d->line)
		fprintf(out, "%s:%u:%u: ", d->file, d->line, d->col);
	else if (d->file)
		fprintf(out, "%s: ", d->file);
	fprintf(out, "%s: %s\n", severity_name(d->severity), d->message);
	if (d->source_line) {
		fprintf(out, "%s\n", d->source_line);
		print_caret(d, out);
	}
	return ferror(out) ? -EIO : 0;
}
