// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Escaping text the target controls (src/base/text_escape.c): nothing that a
 * terminal acts on, no line break, only valid UTF-8 comes out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/text_escape.h"

static void
expect(const char *in, size_t len, unsigned flags, const char *want)
{
	char out[256];

	assert_true(cage_text_escape(out, sizeof(out), in, len, flags));
	assert_string_equal(out, want);
	assert_true(cage_text_is_safe(out));
}

#define EXPECT(in, want) expect(in, sizeof(in) - 1, 0, want)

static void
test_ascii(void **state)
{
	(void)state;
	EXPECT("/etc/passwd", "/etc/passwd");
	EXPECT("a\\b", "a\\\\b");
	EXPECT("say \"hi\"", "say \"hi\"");
	expect("say \"hi\"", 8, CAGE_ESC_QUOTE, "say \\\"hi\\\"");
	EXPECT("", "");
}

static void
test_controls(void **state)
{
	(void)state;
	EXPECT("\x1b[2J\x1b]0;pwned\x07", "\\x1b[2J\\x1b]0;pwned\\x07");
	EXPECT("x\nsyscage: fake", "x\\nsyscage: fake");
	EXPECT("a\rb\tc", "a\\rb\\tc");
	EXPECT("del\x7f", "del\\x7f");
	EXPECT("nul\0in", "nul\\x00in");
}

static void
test_utf8(void **state)
{
	(void)state;
	EXPECT("caf\xc3\xa9", "caf\xc3\xa9");
	EXPECT("\xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5\xe6\x9c\xac");
	EXPECT("\xf0\x9f\x90\xa7", "\xf0\x9f\x90\xa7");
	EXPECT("\xef\xbf\xbd", "\xef\xbf\xbd");
	/* C1 CSI, bidi override, line separator: valid, yet escaped. */
	EXPECT("\xc2\x9b"
	       "31m",
	       "\\u009b31m");
	EXPECT("\xe2\x80\xae"
	       "txt",
	       "\\u202etxt");
	EXPECT("\xe2\x80\xa8", "\\u2028");
	EXPECT("\xe2\x81\xa6", "\\u2066");
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	EXPECT("\x80", "\\x80");
	EXPECT("\xff\xfe", "\\xff\\xfe");
	EXPECT("\xc0\xaf", "\\xc0\\xaf");		    /* overlong '/' */
	EXPECT("\xe0\x80\xaf", "\\xe0\\x80\\xaf");	    /* overlong */
	EXPECT("\xed\xa0\x80", "\\xed\\xa0\\x80");	    /* a surrogate */
	EXPECT("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"); /* > U+10FFFF */
	EXPECT("\xf5\x80\x80\x80", "\\xf5\\x80\\x80\\x80");
	EXPECT("ab\xe6\x97", "ab\\xe6\\x97"); /* cut short */
	EXPECT("\xe6"
	       "a\xa5",
	       "\\xe6a\\xa5");
	EXPECT("\xc3\xa9\x9b", "\xc3\xa9\\x9b");
}

/* A short buffer: whole escapes and characters only, and says so. */
static void
test_truncation(void **state)
{
	char out[6];

	(void)state;
	assert_false(cage_text_escape(out, sizeof(out), "ab\x1b", 3, 0));
	assert_string_equal(out, "ab");
	assert_false(cage_text_escape(out, sizeof(out), "abcd\xc3\xa9", 6, 0));
	assert_string_equal(out, "abcd");
	assert_true(cage_text_escape(out, sizeof(out), "abc\xc3\xa9", 5, 0));
	assert_string_equal(out, "abc\xc3\xa9");
	assert_false(cage_text_escape(out, 1, "a", 1, 0));
	assert_string_equal(out, "");
}

static void
test_is_safe(void **state)
{
	(void)state;
	assert_true(cage_text_is_safe("openat(AT_FDCWD, \"x\\n\", O_RDONLY)"));
	assert_true(cage_text_is_safe("caf\xc3\xa9"));
	assert_false(cage_text_is_safe("a\nb"));
	assert_false(cage_text_is_safe("\x1b[31m"));
	assert_false(cage_text_is_safe("\x7f"));
	assert_false(cage_text_is_safe("\xc3"));
	assert_false(cage_text_is_safe("\xc2\x9b"));
	assert_false(cage_text_is_safe("\xe2\x80\xae"));
}

/* Any bytes at all: what comes out is safe and valid UTF-8. */
static void
test_random_bytes(void **state)
{
	char in[64], out[300];

	(void)state;
	srand(11);
	for (int round = 0; round < 20000; round++) {
		size_t len = (size_t)(rand() % (int)sizeof(in));

		for (size_t i = 0; i < len; i++)
			in[i] = (char)(rand() % 4 ? rand() & 0xff
						  : 0x80 | (rand() & 0x3f));
		assert_true(cage_text_escape(out, sizeof(out), in, len,
					     CAGE_ESC_QUOTE));
		assert_true(cage_text_is_safe(out));
		for (const char *p = out; *p; p++)
			assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
		/* Small buffers too: never more than SIZE - 1. */
		cage_text_escape(out, 7, in, len, 0);
		assert_true(strlen(out) < 7);
		assert_true(cage_text_is_safe(out));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_is_safe),
		cmocka_unit_test(test_random_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
