// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --learn, the recording half (record.c): what the listener, the tracer
 * and the launch note while the target runs.  interop/learn_write.c
 * reads it back to write the policy, hence the struct and the table here.
 */
#ifndef CAGE_RECORD_H
#define CAGE_RECORD_H

#include "syscage.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CAGE_LEARN_NR_LIMIT   1024
#define CAGE_LEARN_MAX_VALUES 16 /* per watched call; more: overflow */
#define CAGE_LEARN_NWATCHED   29 /* rows of cage_record_watched */

/* A syscall whose argument values are recorded (record.c says how). */
struct cage_record_watch {
	const char *name;
	unsigned arg;
	const char *prefix; /* for naming the values; NULL: numbers */
	bool condition;	    /* write an 'in' condition when few */
	int arg2;	    /* -1, or recorded when arg == when */
	uint64_t when;
	const char *safe;
};

extern const struct cage_record_watch cage_record_watched[];

struct cage_learned {
	unsigned char seen[CAGE_LEARN_NR_LIMIT / 8];
	uint64_t values[CAGE_LEARN_NWATCHED][CAGE_LEARN_MAX_VALUES];
	unsigned nvalues[CAGE_LEARN_NWATCHED];
	bool overflow[CAGE_LEARN_NWATCHED];
	bool started;	    /* the target's execve was seen */
	uint64_t lost;	    /* calls tracing dropped (learn_trace.c) */
	char method[320];   /* how the calls were recorded */
	char policies[256]; /* enforced meanwhile, escaped; "" none */
};

void cage_learned_add(struct cage_learned *l, int nr, const uint64_t args[6]);
/* Calls tracing could not record: the policy learned may lack some. */
void cage_learned_note_lost(struct cage_learned *l, uint64_t lost);
/* How the calls are recorded, for the policy's header and -v. */
void cage_learned_note_method(struct cage_learned *l, const char *method);
/* The policies enforced while learning, named in the header. */
void cage_learned_note_policies(struct cage_learned *l,
				struct cage_policy *const *pols, size_t n);

/* Whether value V of watched call W holds a second argument (in its
 * high 32 bits). */
bool cage_record_has_arg2(size_t w, uint64_t v);
/* S, at most MAX bytes, for a comment of the policy written: '\' and
 * every byte but printable ASCII escaped, so no line break gets in. */
void cage_record_put_escaped(FILE *out, const char *s, size_t max);

#endif
