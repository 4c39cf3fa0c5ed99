// SPDX-License-Identifier: LGPL-2.1-or-later
/* Tokens of the policy language, each with the line and column it starts at. */
#ifndef CAGE_POLICY_LEX_H
#define CAGE_POLICY_LEX_H

#include <stddef.h>

enum cage_tok {
	TOK_EOF,
	TOK_NEWLINE, /* ends a statement */
	TOK_WORD,    /* names, numbers, paths, keywords */
	TOK_GROUP,   /* @name */
	TOK_STRING,  /* "quoted", text without the quotes */
	TOK_EQ,	     /* == */
	TOK_NE,	     /* != */
	TOK_LT,
	TOK_LE,
	TOK_GT,
	TOK_GE,
	TOK_AMP,  /* & */
	TOK_AND,  /* && */
	TOK_OR,	  /* || */
	TOK_PIPE, /* | */
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_COMMA,
	TOK_ASSIGN, /* = */
	TOK_BAD,    /* a character the language does not use */
};

struct cage_token {
	enum cage_tok kind;
	unsigned line, col, len; /* len: width in the source */
	char *text;		 /* WORD, GROUP (with '@'), STRING, BAD */
};

struct cage_lexer {
	const char *src;
	size_t size, pos;
	unsigned line, col;
};

void cage_lex_init(struct cage_lexer *lx, const char *src, size_t size);
/* 0, or -ENOMEM; an unterminated string is a TOK_BAD token. */
int cage_lex_next(struct cage_lexer *lx, struct cage_token *tok);
const char *cage_tok_name(enum cage_tok kind);

#endif
