// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The policy lexer: bytes to tokens with line:col.  Comments and
 * backslash-newline continuations vanish here, so the parser only sees
 * statements separated by TOK_NEWLINE.
 */
#include "lang/lex.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void
cage_lex_init(struct cage_lexer *lx, const char *src, size_t size)
{
	lx->src = src;
	lx->size = size;
	lx->pos = 0;
	lx->line = 1;
	lx->col = 1;
}

static int
peek(const struct cage_lexer *lx, size_t ahead)
{
	if (lx->pos + ahead >= lx->size)
		return -1;
	return (unsigned char)lx->src[lx->pos + ahead];
}

static void
advance(struct cage_lexer *lx)
{
	if (lx->src[lx->pos] == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
	lx->pos++;
}

/* Blanks, comments and "\\\n" continuations; stops before a newline. */
static void
skip_blanks(struct cage_lexer *lx)
{
	for (;;) {
		int c = peek(lx, 0);

		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
		    c == '\v') {
			advance(lx);
		} else if (c == '\\' && peek(lx, 1) == '\n') {
			advance(lx);
			advance(lx);
		} else if (c == '\\' && peek(lx, 1) == '\r' &&
			   peek(lx, 2) == '\n') {
			advance(lx);
			advance(lx);
			advance(lx);
		} else if (c == '#') {
			while (peek(lx, 0) != -1 && peek(lx, 0) != '\n')
				advance(lx);
		} else {
			return;
		}
	}
}

static bool
is_word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '/' ||
	       c == '-' || c == '+' || c == '~' || c == '$' || c == ':' ||
	       c == '{' || c == '}';
}

static int
take_text(struct cage_lexer *lx, struct cage_token *tok, size_t start)
{
	tok->text = strndup(lx->src + start, lx->pos - start);
	return tok->text ? 0 : -ENOMEM;
}

static int
lex_string(struct cage_lexer *lx, struct cage_token *tok)
{
	const char *nl;
	size_t n = 0;
	char *buf;

	advance(lx); /* opening quote */
	nl = memchr(lx->src + lx->pos, '\n', lx->size - lx->pos);
	buf = malloc((nl ? (size_t)(nl - lx->src) : lx->size) - lx->pos + 1);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		int c = peek(lx, 0);

		if (c == -1 || c == '\n') {
			free(buf);
			tok->kind = TOK_BAD;
			tok->len = 1;
			tok->text = strdup("unterminated string");
			return tok->text ? 0 : -ENOMEM;
		}
		advance(lx);
		if (c == '"')
			break;
		if (c == '\\' && (peek(lx, 0) == '"' || peek(lx, 0) == '\\')) {
			c = peek(lx, 0);
			advance(lx);
		}
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
	tok->kind = TOK_STRING;
	tok->text = buf;
	return 0;
}

struct op {
	const char *text;
	enum cage_tok kind;
};

/* Longest first, so "&&" wins over "&". */
static const struct op ops[] = {
	{"==", TOK_EQ},	  {"!=", TOK_NE},    {"<=", TOK_LE},
	{">=", TOK_GE},	  {"&&", TOK_AND},   {"||", TOK_OR},
	{"<", TOK_LT},	  {">", TOK_GT},     {"&", TOK_AMP},
	{"|", TOK_PIPE},  {"(", TOK_LPAREN}, {")", TOK_RPAREN},
	{",", TOK_COMMA}, {"=", TOK_ASSIGN},
};

static bool
lex_op(struct cage_lexer *lx, struct cage_token *tok)
{
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].text);

		if (lx->size - lx->pos >= n &&
		    memcmp(lx->src + lx->pos, ops[i].text, n) == 0) {
			tok->kind = ops[i].kind;
			for (size_t k = 0; k < n; k++)
				advance(lx);
			return true;
		}
	}
	return false;
}

int
cage_lex_next(struct cage_lexer *lx, struct cage_token *tok)
{
	size_t start;
	int c, err = 0;

	skip_blanks(lx);
	memset(tok, 0, sizeof(*tok));
	tok->line = lx->line;
	tok->col = lx->col;
	start = lx->pos;
	c = peek(lx, 0);
	if (c == -1) {
		tok->kind = TOK_EOF;
		return 0;
	}
	if (c == '\n') {
		advance(lx);
		tok->kind = TOK_NEWLINE;
		tok->len = 1;
		return 0;
	}
	if (c == '"') {
		err = lex_string(lx, tok);
	} else if (c == '@' || is_word_char(c)) {
		tok->kind = c == '@' ? TOK_GROUP : TOK_WORD;
		advance(lx);
		while (peek(lx, 0) != -1 && is_word_char(peek(lx, 0)))
			advance(lx);
		err = take_text(lx, tok, start);
	} else if (!lex_op(lx, tok)) {
		advance(lx);
		tok->kind = TOK_BAD;
		err = take_text(lx, tok, start);
	}
	if (tok->line == lx->line)
		tok->len = lx->col - tok->col;
	else
		tok->len = 1;
	return err;
}

const char *
cage_tok_name(enum cage_tok kind)
{
	static const char *const names[] = {
		[TOK_EOF] = "end of file", [TOK_NEWLINE] = "end of line",
		[TOK_WORD] = "word",	   [TOK_GROUP] = "group",
		[TOK_STRING] = "string",   [TOK_EQ] = "'=='",
		[TOK_NE] = "'!='",	   [TOK_LT] = "'<'",
		[TOK_LE] = "'<='",	   [TOK_GT] = "'>'",
		[TOK_GE] = "'>='",	   [TOK_AMP] = "'&'",
		[TOK_AND] = "'&&'",	   [TOK_OR] = "'||'",
		[TOK_PIPE] = "'|'",	   [TOK_LPAREN] = "'('",
		[TOK_RPAREN] = "')'",	   [TOK_COMMA] = "','",
		[TOK_ASSIGN] = "'='",	   [TOK_BAD] = "bad character",
	};

	return names[kind];
}
