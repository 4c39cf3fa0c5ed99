// SPDX-License-Identifier: LGPL-2.1-or-later
/* syscage(1)'s reports of supervisor events: stderr text and --report JSON. */
#ifndef CLI_EVENTS_H
#define CLI_EVENTS_H

#include "syscage.h"

#define CLI_MAX_SEEN 256

struct cli_seen {
	int nr;
	enum cage_event_kind kind;
	const char *file;
	unsigned line;
	unsigned count;
	char name[32];
};

struct cli_events {
	int verbosity;
	FILE *json; /* --report, or NULL */
	struct cli_seen seen[CLI_MAX_SEEN];
	size_t nseen;
	unsigned denied, audited, logged;
};

void cli_events_init(struct cli_events *ce, int verbosity, FILE *json);
void cli_events_handle(const struct cage_event *ev, void *ctx);
/* Counts of repeats on stderr; the summary object in the report. */
void cli_events_finish(struct cli_events *ce, int status);

#endif
