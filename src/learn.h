// SPDX-License-Identifier: LGPL-2.1-or-later
/* Recording calls for --learn. */
#ifndef CAGE_LEARN_H
#define CAGE_LEARN_H

#include "syscage.h"

#define CAGE_LEARN_NR_LIMIT 1024

void cage_learned_add(struct cage_learned *l, int nr, const uint64_t args[6]);
/* Calls tracing could not record: the policy learned may lack some. */
void cage_learned_note_lost(struct cage_learned *l, uint64_t lost);

#endif
