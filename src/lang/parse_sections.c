// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The statements beyond seccomp's rules: fs, net, private, env and limit,
 * each a keyword, a setting from its list and the setting's arguments
 * ('private' takes more settings of its list).  What they mean is
 * isolation.c's.
 */
#include "base/suggest.h"
#include "lang/parse_sections.h"
#include "lang/parse_tokens.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sections beyond seccomp: KEYWORD SUB ARGS..., SUB from a list
 * (any word for 'limit', whose names isolation.c knows). */
static const struct cage_section {
	const char *word;
	enum cage_stmt_kind kind;
	const char *subs[10];
	const char *what;
} sections[] = {
	{"fs",
	 CAGE_STMT_FS,
	 {"ro", "rw", "rx", "none", "best-effort"},
	 "'ro', 'rw', 'rx', 'none' or 'best-effort' after 'fs'"},
	{"net",
	 CAGE_STMT_NET,
	 {"none", "unix", "inet", "loopback", "connect", "bind"},
	 "'none', 'unix', 'inet', 'loopback', 'connect' or 'bind' after "
	 "'net'"},
	{"private",
	 CAGE_STMT_PRIVATE,
	 {"tmp", "home", "pid", "ipc", "dev", "all", "gitconfig",
	  "best-effort"},
	 "'tmp', 'home', 'pid', 'ipc', 'dev', 'all', 'gitconfig' or "
	 "'best-effort' after 'private'"},
	{"env",
	 CAGE_STMT_ENV,
	 {"clear", "keep", "set"},
	 "'clear', 'keep' or 'set' after 'env'"},
	{"limit", CAGE_STMT_LIMIT, {NULL}, "a limit name after 'limit'"},
};

/* Words or strings up to the end of the line: paths, ports, names. */
static bool
parse_args(struct cage_parser *p, struct cage_stmt *st, const char *what)
{
	while (p->tok.kind == TOK_WORD || p->tok.kind == TOK_STRING)
		if (!cage_parse_push_name(p, st))
			return false;
	if (st->nnames == 0) {
		cage_parse_error_tok(p, what);
		return false;
	}
	return true;
}

/*
 * GCC 12's -fanalyzer, after realloc() keeps st->names in place, calls
 * the empty value stored in it leaked.  The statement's owner frees it
 * (free_stmt in parse.c); clang's unix.Malloc, ASan and valgrind check.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif

/* env set NAME=VALUE: names[0] NAME, names[1] VALUE (may be empty). */
static bool
parse_env_set(struct cage_parser *p, struct cage_stmt *st)
{
	struct cage_name *names;
	struct cage_loc loc;

	if (p->tok.kind != TOK_WORD) {
		cage_parse_error_tok(p, "NAME=VALUE after 'env set'");
		return false;
	}
	if (!cage_parse_push_name(p, st))
		return false;
	if (p->tok.kind != TOK_ASSIGN) {
		cage_parse_error_tok(p, "'=' after the variable's name");
		return false;
	}
	loc = cage_parse_loc(p);
	cage_parse_next(p);
	if (p->tok.kind == TOK_WORD || p->tok.kind == TOK_STRING)
		return cage_parse_push_name(p, st);
	names = realloc(st->names, 2 * sizeof(*names));
	if (names)
		st->names = names;
	if (!names || !(names[1].text = strdup(""))) {
		p->err = -ENOMEM;
		return false;
	}
	names[1].loc = loc;
	st->nnames = 2;
	return true;
}

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic pop
#endif

/* The word at hand is one of S's settings; else an error, with the
 * nearest one. */
static bool
known_sub(struct cage_parser *p, const struct cage_section *s)
{
	struct cage_loc loc;
	struct cage_suggest sg;
	char msg[32];
	size_t i;

	for (i = 0; s->subs[i] && strcmp(s->subs[i], p->tok.text); i++)
		;
	if (!s->subs[0] || s->subs[i])
		return true;
	loc = cage_parse_loc(p);
	cage_suggest_init(&sg, p->tok.text);
	for (i = 0; s->subs[i]; i++)
		cage_suggest_offer(&sg, s->subs[i]);
	snprintf(msg, sizeof(msg), "unknown %s setting", s->word);
	cage_parse_error_at(p, &loc, msg, p->tok.text,
			    cage_suggest_result(&sg));
	return false;
}

/* private WORD...: the first in target, the others in names. */
static bool
parse_private(struct cage_parser *p, struct cage_stmt *st,
	      const struct cage_section *s)
{
	while (p->tok.kind == TOK_WORD)
		if (!known_sub(p, s) || !cage_parse_push_name(p, st))
			return false;
	return true;
}

bool
cage_parse_section(struct cage_parser *p, struct cage_stmt *st,
		   const struct cage_section *s)
{
	const char *sub;

	st->kind = s->kind;
	cage_parse_next(p);
	if (p->tok.kind != TOK_WORD) {
		cage_parse_error_tok(p, s->what);
		return false;
	}
	if (!known_sub(p, s))
		return false;
	if (!cage_parse_target(p, st, TOK_WORD, s->what))
		return false;
	sub = st->target.text;
	if (s->kind == CAGE_STMT_LIMIT)
		return parse_args(p, st, "a value after the limit's name");
	if (s->kind == CAGE_STMT_PRIVATE)
		return parse_private(p, st, s);
	if (s->kind == CAGE_STMT_ENV && !strcmp(sub, "set"))
		return parse_env_set(p, st);
	if (!strcmp(sub, "best-effort") || !strcmp(sub, "clear") ||
	    (s->kind == CAGE_STMT_NET && strcmp(sub, "connect") &&
	     strcmp(sub, "bind")))
		return true; /* nothing may follow: end_statement checks */
	return parse_args(p, st,
			  s->kind == CAGE_STMT_FS    ? "a path"
			  : s->kind == CAGE_STMT_NET ? "a port number"
						     : "a variable name");
}

const struct cage_section *
cage_parse_section_find(const struct cage_parser *p)
{
	for (size_t i = 0; i < sizeof(sections) / sizeof(*sections); i++)
		if (cage_parse_is_word(p, sections[i].word))
			return &sections[i];
	return NULL;
}
