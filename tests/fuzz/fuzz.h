// SPDX-License-Identifier: LGPL-2.1-or-later
/* A fuzz target's body, shared by libFuzzer and the corpus replay. */
#ifndef SYSCAGE_FUZZ_H
#define SYSCAGE_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Relative includes resolve here, and fail: no file is ever read. */
#define FUZZ_DIR "/nonexistent/syscage-fuzz"

int fuzz_init(void);
/* One input through the code under test; returns 0, aborts on a bug. */
int fuzz_one(const uint8_t *data, size_t size);

/* fuzz_lang.c, for the policy-language targets. */
extern FILE *fuzz_devnull;
/* Whether the input includes an absolute path (a real file): skip it. */
bool fuzz_includes_absolute(const uint8_t *data, size_t size);

#endif
