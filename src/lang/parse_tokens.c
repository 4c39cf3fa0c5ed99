// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The parser's cursor over the tokens, shared by parse.c and
 * parse_sections.c: advancing, errors at a token (one per statement),
 * and names and targets taken from it.
 */
#include "lang/parse_tokens.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
cage_parse_next(struct cage_parser *p)
{
	free(p->tok.text);
	/*
	 * After a hard error (-ENOMEM) the stream ends here: a token kind
	 * left as it was would have no text and would never reach the end
	 * of the line that end_statement() skips to.
	 */
	if (!p->err)
		p->err = cage_lex_next(&p->lx, &p->tok);
	if (p->err) {
		memset(&p->tok, 0, sizeof(p->tok));
		p->tok.kind = TOK_EOF;
	}
}

struct cage_loc
cage_parse_loc(const struct cage_parser *p)
{
	struct cage_loc loc = {p->src, p->tok.line, p->tok.col, p->tok.len};

	return loc;
}

void
cage_parse_error_at(struct cage_parser *p, const struct cage_loc *loc,
		    const char *msg, const char *arg, const char *hint)
{
	int r;

	if (p->failed)
		return; /* one error per statement is enough */
	p->failed = true;
	if (hint)
		r = cage_diag_add(p->diags, CAGE_SEVERITY_ERROR, loc,
				  "%s '%s' (did you mean '%s'?)", msg, arg,
				  hint);
	else if (arg)
		r = cage_diag_add(p->diags, CAGE_SEVERITY_ERROR, loc, "%s '%s'",
				  msg, arg);
	else
		r = cage_diag_add(p->diags, CAGE_SEVERITY_ERROR, loc, "%s",
				  msg);
	if (r)
		p->err = r;
}

void
cage_parse_error_tok(struct cage_parser *p, const char *expected)
{
	struct cage_loc loc = cage_parse_loc(p);
	char msg[128];

	if (p->tok.kind == TOK_BAD && p->tok.text) {
		snprintf(msg, sizeof(msg), "expected %s, found", expected);
		cage_parse_error_at(p, &loc, msg, p->tok.text, NULL);
		return;
	}
	snprintf(msg, sizeof(msg), "expected %s, found %s", expected,
		 cage_tok_name(p->tok.kind));
	if (p->tok.kind == TOK_WORD || p->tok.kind == TOK_GROUP) {
		cage_parse_error_at(p, &loc, msg, p->tok.text, NULL);
	} else {
		if (p->tok.kind == TOK_NEWLINE || p->tok.kind == TOK_EOF)
			loc.len = 1;
		cage_parse_error_at(p, &loc, msg, NULL, NULL);
	}
}

bool
cage_parse_is_word(const struct cage_parser *p, const char *word)
{
	return p->tok.kind == TOK_WORD && strcmp(p->tok.text, word) == 0;
}

static char *
take_text(struct cage_parser *p)
{
	char *t = p->tok.text;

	p->tok.text = NULL;
	return t;
}

/*
 * Room for element N of an array grown only by appending: its capacity is
 * 8, then each power of two, so a list of N names costs log N copies, not
 * N (a group of hundreds of syscalls, a file of thousands of lines).
 */
void *
cage_parse_grow(void *v, size_t n, size_t size)
{
	if (n && (n < 8 || (n & (n - 1))))
		return v;
	return realloc(v, (n ? 2 * n : 8) * size);
}

/* The current token's text becomes the statement's next name. */
bool
cage_parse_push_name(struct cage_parser *p, struct cage_stmt *st)
{
	struct cage_name *names;

	names = cage_parse_grow(st->names, st->nnames, sizeof(*names));
	if (!names) {
		p->err = -ENOMEM;
		return false;
	}
	st->names = names;
	names[st->nnames].loc = cage_parse_loc(p);
	names[st->nnames].text = take_text(p);
	if (!names[st->nnames++].text) {
		p->err = -ENOMEM;
		return false;
	}
	cage_parse_next(p);
	return true;
}

bool
cage_parse_target(struct cage_parser *p, struct cage_stmt *st,
		  enum cage_tok kind, const char *what)
{
	if (p->tok.kind != kind &&
	    !(kind == TOK_WORD && p->tok.kind == TOK_STRING)) {
		cage_parse_error_tok(p, what);
		return false;
	}
	st->target.loc = cage_parse_loc(p);
	st->target.text = take_text(p);
	cage_parse_next(p);
	return true;
}
