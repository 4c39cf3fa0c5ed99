// SPDX-License-Identifier: LGPL-2.1-or-later
/* Recording calls for --learn. */
#ifndef CAGE_LEARN_H
#define CAGE_LEARN_H

#include "syscage.h"

#define CAGE_LEARN_NR_LIMIT 1024

void cage_learned_add(struct cage_learned *l, int nr, const uint64_t args[6]);
/* Calls tracing could not record: the policy learned may lack some. */
void cage_learned_note_lost(struct cage_learned *l, uint64_t lost);
/* How the calls are recorded, for the policy's header and -v. */
void cage_learned_note_method(struct cage_learned *l, const char *method);
/* The policies enforced while learning, named in the header. */
void cage_learned_note_policies(struct cage_learned *l,
				struct cage_policy *const *pols, size_t n);

#endif
