// SPDX-License-Identifier: LGPL-2.1-or-later
/* A fuzz target's body, shared by libFuzzer and the corpus replay. */
#ifndef SYSCAGE_FUZZ_H
#define SYSCAGE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int fuzz_init(void);
/* One input through the code under test; returns 0, aborts on a bug. */
int fuzz_one(const uint8_t *data, size_t size);

#endif
