// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What syscage(1) says about the resource limits a launch sets: each
 * under -v and in --report, and, when the target dies of one (SIGXFSZ,
 * SIGXCPU, SIGKILL at the cpu limit), which, where it was set and how to
 * raise it.  The limits themselves are the policies' (policy/limits.c).
 */
#include "cli_limits.h"
#include "cli_events.h"
#include "syscage.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

/* A limit's value as a policy writes it: N, "unlimited", or SOFT:HARD. */
static void
limit_value(const struct cage_limit_set *l, char *out, size_t size)
{
	char soft[24], hard[24];

	snprintf(soft, sizeof(soft), "%llu", (unsigned long long)l->soft);
	snprintf(hard, sizeof(hard), "%llu", (unsigned long long)l->hard);
	snprintf(out, size, "%s%s%s",
		 l->soft == UINT64_MAX ? "unlimited" : soft,
		 l->soft == l->hard ? "" : ":",
		 l->soft == l->hard	 ? ""
		 : l->hard == UINT64_MAX ? "unlimited"
					 : hard);
}

/* "limit fsize 1048576 (FILE:LINE)", the file escaped. */
static void
limit_text(const struct cage_limit_set *l, char *out, size_t size)
{
	char value[64], file[512];

	limit_value(l, value, sizeof(value));
	snprintf(out, size, "limit %s %s (%s:%u)", l->name, value,
		 cli_safe(l->file, file, sizeof(file)), l->line);
}

static void
json_limit(FILE *f, const struct cage_limit_set *l)
{
	fputs("{\"name\":", f);
	cli_json_string(f, l->name);
	if (l->soft == UINT64_MAX)
		fputs(",\"soft\":null", f);
	else
		fprintf(f, ",\"soft\":%llu", (unsigned long long)l->soft);
	if (l->hard == UINT64_MAX)
		fputs(",\"hard\":null", f);
	else
		fprintf(f, ",\"hard\":%llu", (unsigned long long)l->hard);
	fputs(",\"file\":", f);
	cli_json_string(f, l->file);
	fprintf(f, ",\"line\":%u}", l->line);
}

void
cli_limits_list(struct cli_events *ce, const struct cage_limit_set *l, size_t n)
{
	char text[700];

	ce->limits = l;
	ce->nlimits = n;
	for (size_t i = 0; i < n && ce->verbosity > 0; i++) {
		limit_text(&l[i], text, sizeof(text));
		fprintf(stderr, "syscage: %s\n", text);
	}
	if (!ce->json || !n)
		return;
	cli_json_head(ce->json, "limits");
	fputs(",\"limits\":[", ce->json);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', ce->json);
		json_limit(ce->json, &l[i]);
	}
	fputs("]}\n", ce->json);
}

static const struct cage_limit_set *
find_limit(const struct cli_events *ce, const char *name)
{
	for (size_t i = 0; i < ce->nlimits; i++)
		if (!strcmp(ce->limits[i].name, name))
			return &ce->limits[i];
	return NULL;
}

/*
 * The limit that explains death by SIG after CPU_US, or NULL.  SIGKILL is
 * the cpu limit's (at the hard limit, the kernel's SIGKILL comes before
 * SIGXCPU) only when the target used most of the limit's seconds: a
 * kill(1) of a short run is not blamed on it.  Most, not all: the usage
 * wait4 reports runs up to a tenth under the limit's own clock.
 */
static const struct cage_limit_set *
limit_of(const struct cli_events *ce, int sig, uint64_t cpu_us,
	 const char **what)
{
	const struct cage_limit_set *l;

	if (sig == SIGXFSZ && (l = find_limit(ce, "fsize"))) {
		*what = "it wrote past its file size limit";
		return l;
	}
	if ((sig != SIGXCPU && sig != SIGKILL) || !(l = find_limit(ce, "cpu")))
		return NULL;
	*what = "it used up its CPU time";
	if (sig == SIGXCPU)
		return l;
	if (l->hard > UINT64_MAX / 1000000) /* unlimited, or never reached */
		return NULL;
	return cpu_us / 3 * 4 >= l->hard * 1000000 ? l : NULL;
}

/* Set by an option: "NAME + command line" or "command line". */
static bool
from_options(const struct cage_limit_set *l)
{
	size_t n = strlen(l->file), k = strlen("command line");

	return n >= k && !strcmp(l->file + n - k, "command line");
}

bool
cli_limits_end(struct cli_events *ce, const char *cmd, int sig, uint64_t cpu_us)
{
	const char *what, *unit;
	const struct cage_limit_set *l = limit_of(ce, sig, cpu_us, &what);
	char text[700], raise[128];

	if (!l)
		return false;
	limit_text(l, text, sizeof(text));
	unit = !strcmp(l->name, "cpu") ? "SECONDS" : "SIZE";
	snprintf(raise, sizeof(raise), "--rlimit %s=%s", l->name, unit);
	if (ce->verbosity >= 0)
		fprintf(stderr,
			"syscage: %s was killed by SIG%s: %s, %s\n"
			"syscage:   raise it with:  %s%s%s%s\n",
			cmd, sigabbrev_np(sig), what, text, raise,
			from_options(l) ? "" : ", or 'limit ",
			from_options(l) ? "" : l->name,
			from_options(l) ? "" : " VALUE' on that line");
	if (!ce->json)
		return true;
	cli_json_head(ce->json, "limit-reached");
	fprintf(ce->json, ",\"signal\":\"SIG%s\",\"cpu_us\":%llu,\"limit\":",
		sigabbrev_np(sig), (unsigned long long)cpu_us);
	json_limit(ce->json, l);
	fputs(",\"raise\":", ce->json);
	cli_json_string(ce->json, raise);
	fputs("}\n", ce->json);
	return true;
}
