// SPDX-License-Identifier: LGPL-2.1-or-later
/* syscage(1)'s command line: the options, as one struct. */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include "syscage.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MAX_POLICIES 16
#define MAX_KEEP_FDS 64
#define MAX_RW_NAMED 64

enum mode {
	MODE_RUN,
	MODE_CHECK,
	MODE_EXPLAIN,
	MODE_LIST,
	MODE_EXPORT,
	MODE_IMPORT,
};

struct options {
	enum mode mode;
	const char *policies[MAX_POLICIES];
	size_t npolicies;
	uint64_t caps_keep;
	int keep_fds[MAX_KEEP_FDS];
	size_t nkeep_fds;
	int verbosity; /* -1 quiet, 0 normal, 1 verbose */
	enum cage_supervise supervise;
	const char *learn_file;
	const char *report_file;
	unsigned timeout;
	bool keep_orphans;
	bool report_paths; /* --report-paths (on anyway with --audit, --report) */
	const char *format; /* --export */
	char *extra; /* --ro --net --env --rlimit...: policy statements */
	size_t extra_len;
	bool extra_fs;	  /* --ro/--rw/--rx given: the system directories too */
	const char *user; /* --user */
	char **args;	  /* the command, or the policies of --check */
	int nargs;
	/* --rw paths: the user's own choice, even of ~ (fs_home.c) */
	const char *rw_named[MAX_RW_NAMED];
	size_t nrw_named;
};

/* Parse ARGV into O (zeroed but for O->supervise); exits on --help,
 * --version and on errors. */
void cli_options_parse(int argc, char **argv, struct options *o);
/* What the options kept for the run: the policy lines the command line
 * made and the --rw paths. */
void cli_options_free(struct options *o);
void cli_usage(FILE *out);
/* "syscage: MESSAGE", escaped (it quotes the command line or a
 * policy's paths), then exit 125. */
void __attribute__((noreturn, format(printf, 1, 2)))
cli_fail(const char *fmt, ...);
/* S as a policy string, "..." with " and \ escaped (malloc'd): an
 * argument can never become a statement of its own.  OPT names the
 * option in the message if S holds a line break. */
char *cli_quote(const char *opt, const char *s);

#endif
