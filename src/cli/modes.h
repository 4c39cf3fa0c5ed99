// SPDX-License-Identifier: LGPL-2.1-or-later
#ifndef CLI_MODES_H
#define CLI_MODES_H

#include "options.h"
#include "syscage.h"

#include <stdbool.h>
#include <stddef.h>

/* ARG, a word of the command line (it may come from anywhere), escaped
 * into BUF; "..." where it did not fit. */
const char *cli_shown(const char *arg, char *buf, size_t size);
void cli_print_diags(const struct cage_diags *d, int verbosity);
/* NAME (NULL: the command line's rules alone) with the command line's
 * rules added, linted if LINT; its diagnostics printed.  0 or -errno. */
int cli_load_policy(const char *name, const struct options *extra, bool lint,
		    int verbosity, struct cage_policy **pol);
int cli_run_check(const struct options *o);
int cli_run_explain(const struct options *o);
int cli_run_list(const struct options *o);
int cli_run_export(const struct options *o);
int cli_run_import(const struct options *o);

#endif
