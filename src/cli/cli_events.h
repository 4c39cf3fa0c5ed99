// SPDX-License-Identifier: LGPL-2.1-or-later
/* syscage(1)'s reports of supervisor events: stderr text and --report JSON. */
#ifndef CLI_EVENTS_H
#define CLI_EVENTS_H

#include "syscage.h"

#include <stdint.h>

/*
 * Bounds, whatever the target does: a call and the rule that decided it
 * (a key) is described once on stderr, for at most CLI_TEXT_MAX keys;
 * the report holds at most CLI_RECORDS_PER_KEY records of one key and
 * CLI_RECORDS_MAX in all; the rest is counted, per key for the first
 * CLI_MAX_KEYS keys, in one sum beyond.
 */
#define CLI_MAX_KEYS	    512
#define CLI_TEXT_MAX	    32
#define CLI_RECORDS_PER_KEY 64
#define CLI_RECORDS_MAX	    4096
/* -v names the variables the policies removed in at most this many bytes
 * (the report names them all). */
#define CLI_ENV_TEXT_MAX 2048

struct cli_key {
	bool used;
	bool shown; /* described on stderr */
	enum cage_event_kind kind;
	int nr;
	const char *policy;
	const char *file;
	unsigned line;
	uint32_t sub; /* FS_*: of the suggestion, one key per path to allow */
	uint64_t count;
	uint64_t records;
	char name[32];
};

struct cli_events {
	int verbosity;
	FILE *json; /* --report, or NULL */
	struct cli_key keys[CLI_MAX_KEYS];
	uint16_t order[CLI_MAX_KEYS]; /* keys as first seen */
	size_t nkeys;
	unsigned shown;
	bool no_listener;
	uint64_t denied, by_design, audited, logged;
	uint64_t paths;	    /* paths refused by the fs rules or the view */
	uint64_t untracked; /* events of keys past CLI_MAX_KEYS */
	uint64_t records, left_out;
	size_t env_dropped; /* variables the policies removed */
	const struct cage_limit_set *limits; /* the launch's, for its end */
	size_t nlimits;
};

void cli_events_init(struct cli_events *ce, int verbosity, FILE *json);
void cli_events_handle(const struct cage_event *ev, void *ctx);
/* The variables the policies removed, NAMES[N] (never a value): under -v
 * on stderr, and a record in the report; their number in the summary. */
void cli_events_env_dropped(struct cli_events *ce, const char *const *names,
			    size_t n);
/* For cli_limits.c's records: S as safe text (escaped into BUF[SIZE]
 * if need be), a JSON string of it, and a record's head without its
 * closing brace. */
const char *cli_safe(const char *s, char *buf, size_t size);
void cli_json_string(FILE *f, const char *s);
void cli_json_head(FILE *f, const char *event);
/* Counts of repeats on stderr; the summary object in the report. */
void cli_events_finish(struct cli_events *ce, int status);

#endif
