// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The policy lexer: kinds, line:col and width of every token, operators,
 * comments, continuations, strings, CRLF, and cage_lex_line().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "lang/lex.h"

/* One expected token; TEXT NULL means "do not check the text". */
struct want {
	enum cage_tok kind;
	unsigned line, col, len;
	const char *text;
};

/*
 * Lex SRC to the end and compare every token with WANT, which stops at
 * its first TOK_EOF entry (line 0: the EOF's place is not checked).
 */
static void
check_tokens(const char *src, size_t size, const struct want *want)
{
	struct cage_lexer lx;
	struct cage_token tok;

	cage_lex_init(&lx, src, size);
	for (size_t i = 0;; i++) {
		const struct want *w = &want[i];

		assert_int_equal(cage_lex_next(&lx, &tok), 0);
		if (tok.kind != w->kind)
			fail_msg("token %zu: %s, expected %s", i,
				 cage_tok_name(tok.kind),
				 cage_tok_name(w->kind));
		if (w->kind == TOK_EOF && w->line == 0) {
			free(tok.text);
			break;
		}
		if (tok.line != w->line || tok.col != w->col ||
		    tok.len != w->len)
			fail_msg("token %zu (%s): %u:%u len %u, expected "
				 "%u:%u len %u",
				 i, cage_tok_name(tok.kind), tok.line, tok.col,
				 tok.len, w->line, w->col, w->len);
		if (w->text)
			assert_string_equal(tok.text, w->text);
		free(tok.text);
		if (w->kind == TOK_EOF)
			break;
	}
}

static void
check(const char *src, const struct want *want)
{
	check_tokens(src, strlen(src), want);
}

static void
test_empty(void **state)
{
	static const struct want w[] = {
		{TOK_EOF, 1, 1, 0, NULL},
	};
	struct cage_lexer lx;
	struct cage_token tok;

	(void)state;
	check("", w);
	/* EOF is sticky. */
	cage_lex_init(&lx, "", 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(cage_lex_next(&lx, &tok), 0);
		assert_int_equal(tok.kind, TOK_EOF);
		assert_null(tok.text);
	}
}

static void
test_statement(void **state)
{
	static const struct want w[] = {
		{TOK_WORD, 1, 1, 5, "allow"},
		{TOK_WORD, 1, 7, 6, "openat"},
		{TOK_WORD, 1, 14, 2, "if"},
		{TOK_WORD, 1, 17, 4, "arg2"},
		{TOK_AMP, 1, 22, 1, NULL},
		{TOK_WORD, 1, 24, 9, "O_ACCMODE"},
		{TOK_EQ, 1, 34, 2, NULL},
		{TOK_WORD, 1, 37, 8, "O_RDONLY"},
		{TOK_NEWLINE, 1, 45, 1, NULL},
		{TOK_WORD, 2, 1, 6, "define"},
		{TOK_GROUP, 2, 8, 6, "@my-io"},
		{TOK_WORD, 2, 15, 4, "read"},
		{TOK_COMMA, 2, 19, 1, NULL},
		{TOK_WORD, 2, 21, 7, "pread64"},
		{TOK_NEWLINE, 2, 28, 1, NULL},
		{TOK_EOF, 3, 1, 0, NULL},
	};

	(void)state;
	check("allow openat if arg2 & O_ACCMODE == O_RDONLY\n"
	      "define @my-io read, pread64\n",
	      w);
}

static void
test_tabs_and_blank_lines(void **state)
{
	static const struct want w[] = {
		{TOK_NEWLINE, 1, 1, 1, NULL},
		{TOK_WORD, 2, 2, 4, "kill"},
		{TOK_WORD, 2, 9, 14, "io_uring_setup"},
		{TOK_NEWLINE, 2, 24, 1, NULL},
		{TOK_NEWLINE, 3, 3, 1, NULL},
		{TOK_WORD, 4, 1, 1, "x"},
		{TOK_EOF, 4, 2, 0, NULL},
	};

	(void)state;
	/* A tab is one column: the caret line copies tabs to line up. */
	check("\n\tkill \t io_uring_setup \n \f\nx", w);
}

static void
test_operators(void **state)
{
	static const struct want w[] = {
		{TOK_EQ, 1, 1, 2, NULL},      {TOK_NE, 1, 4, 2, NULL},
		{TOK_LE, 1, 7, 2, NULL},      {TOK_GE, 1, 10, 2, NULL},
		{TOK_AND, 1, 13, 2, NULL},    {TOK_OR, 1, 16, 2, NULL},
		{TOK_AMP, 1, 19, 1, NULL},    {TOK_PIPE, 1, 21, 1, NULL},
		{TOK_LT, 1, 23, 1, NULL},     {TOK_GT, 1, 25, 1, NULL},
		{TOK_LPAREN, 1, 27, 1, NULL}, {TOK_RPAREN, 1, 29, 1, NULL},
		{TOK_COMMA, 1, 31, 1, NULL},  {TOK_ASSIGN, 1, 33, 1, NULL},
		{TOK_EOF, 1, 34, 0, NULL},
	};

	(void)state;
	check("== != <= >= && || & | < > ( ) , =", w);
}

/* Without blanks the longest operator wins, then the rest is lexed anew. */
static void
test_operators_adjacent(void **state)
{
	static const struct want w[] = {
		{TOK_WORD, 1, 1, 4, "arg1"},  {TOK_EQ, 1, 5, 2, NULL},
		{TOK_WORD, 1, 7, 1, "5"},     {TOK_OR, 1, 8, 2, NULL},
		{TOK_WORD, 1, 10, 4, "arg0"}, {TOK_AMP, 1, 14, 1, NULL},
		{TOK_WORD, 1, 15, 1, "1"},    {TOK_NE, 1, 16, 2, NULL},
		{TOK_WORD, 1, 18, 1, "0"},    {TOK_AND, 1, 19, 2, NULL},
		{TOK_WORD, 1, 21, 4, "arg2"}, {TOK_LE, 1, 25, 2, NULL},
		{TOK_WORD, 1, 27, 1, "A"},    {TOK_PIPE, 1, 28, 1, NULL},
		{TOK_WORD, 1, 29, 1, "B"},    {TOK_EOF, 0, 0, 0, NULL},
	};
	static const struct want w2[] = {
		{TOK_AND, 1, 1, 2, NULL},  {TOK_AMP, 1, 3, 1, NULL},
		{TOK_OR, 1, 4, 2, NULL},   {TOK_PIPE, 1, 6, 1, NULL},
		{TOK_EQ, 1, 7, 2, NULL},   {TOK_ASSIGN, 1, 9, 1, NULL},
		{TOK_LT, 1, 10, 1, NULL},  {TOK_LE, 1, 11, 2, NULL},
		{TOK_GE, 1, 13, 2, NULL},  {TOK_GT, 1, 15, 1, NULL},
		{TOK_BAD, 1, 16, 1, "!"},  {TOK_LT, 1, 17, 1, NULL},
		{TOK_EOF, 1, 18, 0, NULL},
	};

	(void)state;
	check("arg1==5||arg0&1!=0&&arg2<=A|B", w);
	check("&&&|||===<<=>=>!<", w2);
}

static void
test_words(void **state)
{
	static const struct want w[] = {
		{TOK_WORD, 1, 1, 7, "include"},
		{TOK_WORD, 1, 9, 23, "../lib/x-1.0+a~b.policy"},
		{TOK_WORD, 1, 33, 14, "${HOME}/p:q.d/"},
		{TOK_WORD, 1, 48, 2, "-1"},
		{TOK_WORD, 1, 51, 10, "0xFFFF0000"},
		{TOK_WORD, 1, 62, 4, "0755"},
		/* A comma is an operator, never part of a word. */
		{TOK_GROUP, 1, 67, 9, "@basic-io"},
		{TOK_COMMA, 1, 76, 1, NULL},
		{TOK_GROUP, 1, 77, 1, "@"},
		{TOK_EOF, 1, 78, 0, NULL},
	};

	(void)state;
	check("include ../lib/x-1.0+a~b.policy ${HOME}/p:q.d/ -1 0xFFFF0000 "
	      "0755 @basic-io,@",
	      w);
}

static void
test_bad_characters(void **state)
{
	static const struct want w[] = {
		{TOK_WORD, 1, 1, 4, "read"}, {TOK_BAD, 1, 5, 1, ";"},
		{TOK_BAD, 1, 7, 1, "'"},     {TOK_WORD, 1, 8, 1, "x"},
		{TOK_BAD, 1, 9, 1, "'"},     {TOK_BAD, 1, 11, 1, "*"},
		{TOK_BAD, 1, 12, 1, "\xc3"}, {TOK_BAD, 1, 13, 1, "\xa9"},
		{TOK_EOF, 1, 14, 0, NULL},
	};

	(void)state;
	check("read; 'x' *\xc3\xa9", w);
}

static void
test_comments(void **state)
{
	static const struct want w[] = {
		{TOK_NEWLINE, 1, 18, 1, NULL},
		{TOK_WORD, 2, 1, 5, "allow"},
		{TOK_WORD, 2, 7, 4, "read"},
		{TOK_NEWLINE, 2, 26, 1, NULL},
		{TOK_NEWLINE, 3, 5, 1, NULL},
		/* A backslash ending a comment does not continue it. */
		{TOK_NEWLINE, 4, 11, 1, NULL},
		{TOK_WORD, 5, 1, 4, "kill"},
		{TOK_WORD, 5, 6, 1, "a"},
		{TOK_EOF, 5, 20, 0, NULL},
	};

	(void)state;
	check("# a whole line ==\n"
	      "allow read#comment \"x && \n"
	      "   #\n"
	      "# at end \\\n"
	      "kill a # no newline",
	      w);
}

static void
test_continuation(void **state)
{
	static const struct want w[] = {
		{TOK_WORD, 1, 1, 5, "allow"},
		{TOK_WORD, 1, 7, 4, "read"},
		/* The next token carries the later line and its own column. */
		{TOK_WORD, 2, 3, 5, "write"},
		{TOK_WORD, 3, 1, 5, "close"},
		{TOK_NEWLINE, 3, 6, 1, NULL},
		{TOK_WORD, 4, 1, 4, "kill"},
		/* Two continuations in a row. */
		{TOK_WORD, 6, 2, 6, "ptrace"},
		{TOK_NEWLINE, 6, 8, 1, NULL},
		{TOK_EOF, 7, 1, 0, NULL},
	};

	(void)state;
	check("allow read \\\n"
	      "  write\\\n"
	      "close\n"
	      "kill \\\n"
	      "\t\\\n"
	      "\tptrace\n",
	      w);
}

/* A backslash not directly before the newline is not a continuation. */
static void
test_backslash_not_continuation(void **state)
{
	static const struct want w[] = {
		{TOK_WORD, 1, 1, 4, "read"},  {TOK_BAD, 1, 6, 1, "\\"},
		{TOK_NEWLINE, 1, 8, 1, NULL}, {TOK_WORD, 2, 1, 5, "write"},
		{TOK_BAD, 2, 6, 1, "\\"},     {TOK_EOF, 2, 7, 0, NULL},
	};

	(void)state;
	check("read \\ \nwrite\\", w);
}

static void
test_strings(void **state)
{
	static const struct want w[] = {
		{TOK_WORD, 1, 1, 7, "include"},
		{TOK_STRING, 1, 9, 13, "my file.pol"},
		{TOK_STRING, 1, 23, 6, "q\"x"},
		{TOK_STRING, 1, 30, 6, "b\\s"},
		/* Other escapes keep their backslash. */
		{TOK_STRING, 1, 37, 5, "n\\n"},
		{TOK_STRING, 1, 43, 2, ""},
		{TOK_STRING, 1, 46, 9, "# == &&"},
		{TOK_NEWLINE, 1, 55, 1, NULL},
		{TOK_EOF, 2, 1, 0, NULL},
	};

	(void)state;
	check("include \"my file.pol\" \"q\\\"x\" \"b\\\\s\" \"n\\n\" \"\" "
	      "\"# == &&\"\n",
	      w);
}

static void
test_unterminated_string(void **state)
{
	struct cage_lexer lx;
	struct cage_token tok;
	static const char src[] = "include \"abc\\\"\nallow \"x";

	(void)state;
	cage_lex_init(&lx, src, strlen(src));
	assert_int_equal(cage_lex_next(&lx, &tok), 0);
	assert_int_equal(tok.kind, TOK_WORD);
	free(tok.text);

	/* At the newline: TOK_BAD at the quote, then the line goes on. */
	assert_int_equal(cage_lex_next(&lx, &tok), 0);
	assert_int_equal(tok.kind, TOK_BAD);
	assert_int_equal(tok.line, 1);
	assert_int_equal(tok.col, 9);
	assert_true(tok.len >= 1);
	assert_non_null(tok.text);
	free(tok.text);
	assert_int_equal(cage_lex_next(&lx, &tok), 0);
	assert_int_equal(tok.kind, TOK_NEWLINE);
	assert_int_equal(tok.line, 1);
	assert_int_equal(tok.col, 15);
	assert_int_equal(cage_lex_next(&lx, &tok), 0);
	assert_int_equal(tok.kind, TOK_WORD);
	assert_int_equal(tok.line, 2);
	free(tok.text);

	/* At the end of the input. */
	assert_int_equal(cage_lex_next(&lx, &tok), 0);
	assert_int_equal(tok.kind, TOK_BAD);
	assert_int_equal(tok.line, 2);
	assert_int_equal(tok.col, 7);
	free(tok.text);
	assert_int_equal(cage_lex_next(&lx, &tok), 0);
	assert_int_equal(tok.kind, TOK_EOF);
}

static void
test_crlf(void **state)
{
	static const struct want w[] = {
		{TOK_WORD, 1, 1, 5, "allow"},
		{TOK_WORD, 1, 7, 4, "read"},
		{TOK_NEWLINE, 1, 12, 1, NULL},
		{TOK_WORD, 2, 1, 4, "kill"},
		/* Backslash CR LF continues a line as well. */
		{TOK_WORD, 3, 1, 6, "ptrace"},
		{TOK_NEWLINE, 3, 8, 1, NULL},
		{TOK_STRING, 4, 1, 3, "a"},
		{TOK_NEWLINE, 4, 5, 1, NULL},
		{TOK_EOF, 5, 1, 0, NULL},
	};

	(void)state;
	check("allow read\r\nkill \\\r\nptrace\r\n\"a\"\r\n", w);
}

/* Sizes are honoured: nothing past SIZE is read, even without a NUL. */
static void
test_size_bound(void **state)
{
	static const struct want w[] = {
		{TOK_WORD, 1, 1, 4, "allo"},
		{TOK_EOF, 1, 5, 0, NULL},
	};
	char *buf = malloc(4);

	(void)state;
	assert_non_null(buf);
	memcpy(buf, "allow", 4);
	check_tokens(buf, 4, w);
	free(buf);
}

static void
test_tok_name(void **state)
{
	(void)state;
	assert_string_equal(cage_tok_name(TOK_EOF), "end of file");
	assert_string_equal(cage_tok_name(TOK_NEWLINE), "end of line");
	assert_string_equal(cage_tok_name(TOK_AND), "'&&'");
	assert_string_equal(cage_tok_name(TOK_AMP), "'&'");
	assert_string_equal(cage_tok_name(TOK_NE), "'!='");
	for (int k = TOK_EOF; k <= TOK_BAD; k++)
		assert_non_null(cage_tok_name((enum cage_tok)k));
}

static void
check_line(const char *src, unsigned line, const char *want)
{
	char *got = cage_lex_line(src, strlen(src), line);

	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_lex_line(void **state)
{
	static const char src[] = "one\r\n\ntwo \\\n\tthree\nlast";

	(void)state;
	check_line(src, 1, "one");
	check_line(src, 2, "");
	check_line(src, 3, "two \\");
	check_line(src, 4, "\tthree");
	check_line(src, 5, "last");
	check_line(src, 6, NULL);
	check_line("a\n", 1, "a");
	check_line("a\n", 2, "");
	check_line("a\n", 3, NULL);
	check_line("", 1, "");
	check_line("\r", 1, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_statement),
		cmocka_unit_test(test_tabs_and_blank_lines),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_operators_adjacent),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_bad_characters),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_backslash_not_continuation),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_unterminated_string),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_size_bound),
		cmocka_unit_test(test_tok_name),
		cmocka_unit_test(test_lex_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
