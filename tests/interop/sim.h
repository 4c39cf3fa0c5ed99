// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * For the export and import tests: syscage's stacked filters and an OCI
 * runtime's single filter (built from a profile the way crun 1.8 builds
 * it), both run in bpfsim, and compared call by call.
 */
#ifndef SYSCAGE_TESTS_SIM_H
#define SYSCAGE_TESTS_SIM_H

#include "bpfsim.h"
#include "policy/policy.h"

#define SIM_MAX_PROGS 8

struct sim {
	struct sock_filter *prog[SIM_MAX_PROGS];
	size_t len[SIM_MAX_PROGS];
	size_t n;
};

/* Each compiled filter of POL, in load order.  0 or -errno. */
int sim_from_policy(const struct cage_policy *pol, struct sim *s);
/* The one filter crun builds from the OCI profile JSON.  0 or -errno. */
int sim_from_oci(const char *json, struct sim *s);
void sim_free(struct sim *s);
/* What the kernel answers: the strictest result, the later on a tie. */
uint32_t sim_run(const struct sim *s, int nr, const uint64_t args[6]);

/* A difference the caller expects, and why; NULL if it does not. */
typedef const char *sim_excuse_fn(int nr, const uint64_t args[6],
				  uint32_t a, uint32_t b);

/*
 * Compare A and B on every native syscall up to MAX_NR with argument
 * values drawn from POL's rules (and their neighbours, high bits, masks).
 * Prints the first differences to stderr; returns how many there were,
 * not counting those EXCUSE (may be NULL) accepts.
 */
size_t sim_compare(const struct cage_policy *pol, const struct sim *a,
		   const struct sim *b, int max_nr, sim_excuse_fn *excuse);

#endif
