// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What syscage(1) says about the supervisor's events: one line per denied
 * call and the policy line that would allow it on stderr (repeats counted,
 * not repeated), and JSON Lines for --report.
 */
#include "cli_events.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void
cli_events_init(struct cli_events *ce, int verbosity, FILE *json)
{
	memset(ce, 0, sizeof(*ce));
	ce->verbosity = verbosity;
	ce->json = json;
}

static void
json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static const char *const kinds[] = {
	[CAGE_EVENT_DENIED] = "denied",
	[CAGE_EVENT_LOGGED] = "logged",
	[CAGE_EVENT_AUDIT] = "audit",
	[CAGE_EVENT_NO_LISTENER] = "no-listener",
};

static void
write_json(FILE *f, const struct cage_event *ev)
{
	struct timespec ts;
	char when[32], act[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", gmtime(&ts.tv_sec));
	fprintf(f, "{\"time\":\"%s.%03ldZ\",\"event\":\"%s\"", when,
		ts.tv_nsec / 1000000, kinds[ev->kind]);
	if (ev->kind == CAGE_EVENT_NO_LISTENER) {
		fprintf(f, ",\"errno\":%d}\n", ev->errnum);
		return;
	}
	fprintf(f, ",\"pid\":%d,\"comm\":", ev->pid);
	json_string(f, ev->comm);
	fputs(",\"syscall\":", f);
	json_string(f, ev->name);
	fprintf(f, ",\"nr\":%d,\"args\":[", ev->nr);
	for (int i = 0; i < 6; i++)
		fprintf(f, "%s\"%#llx\"", i ? "," : "",
			(unsigned long long)ev->args[i]);
	fputs("],\"call\":", f);
	json_string(f, ev->call);
	fputs(",\"action\":", f);
	json_string(f, cage_action_str(&ev->action, act, sizeof(act)));
	fputs(",\"policy\":", f);
	json_string(f, ev->policy);
	fputs(",\"file\":", f);
	json_string(f, ev->file);
	fprintf(f, ",\"line\":%u,\"allow\":", ev->line);
	json_string(f, ev->allow);
	fputs("}\n", f);
	fflush(f);
}

/* Repeats of one syscall decided by one rule are counted, not printed. */
static bool
repeated(struct cli_events *ce, const struct cage_event *ev)
{
	for (size_t i = 0; i < ce->nseen; i++) {
		struct cli_seen *s = &ce->seen[i];

		if (s->nr == ev->nr && s->kind == ev->kind &&
		    s->line == ev->line && s->file == ev->file) {
			s->count++;
			return true;
		}
	}
	if (ce->nseen < CLI_MAX_SEEN) {
		struct cli_seen *s = &ce->seen[ce->nseen++];

		s->nr = ev->nr;
		s->kind = ev->kind;
		s->file = ev->file;
		s->line = ev->line;
		s->count = 1;
		snprintf(s->name, sizeof(s->name), "%s",
			 ev->name ? ev->name : "?");
	}
	return false;
}

static void
write_text(const struct cage_event *ev)
{
	char act[32];

	cage_action_str(&ev->action, act, sizeof(act));
	if (ev->kind == CAGE_EVENT_LOGGED) {
		fprintf(stderr, "syscage: logged %s in pid %d (%s)\n", ev->call,
			ev->pid, ev->comm);
		return;
	}
	fprintf(stderr, "syscage: %s %s in pid %d (%s): %s\n",
		ev->kind == CAGE_EVENT_AUDIT ? "audit: would deny" : "denied",
		ev->call, ev->pid, ev->comm,
		ev->action.kind == CAGE_ACTION_KILL ? "killed" : act);
	if (ev->file && ev->line)
		fprintf(stderr,
			"syscage:   allow it with:  %-24s (%s, line %u)\n",
			ev->allow, ev->file, ev->line);
	else
		fprintf(stderr,
			"syscage:   allow it with:  %-24s (policy %s, "
			"its default)\n",
			ev->allow, ev->policy ? ev->policy : "?");
}

void
cli_events_handle(const struct cage_event *ev, void *ctx)
{
	struct cli_events *ce = ctx;

	if (ce->json)
		write_json(ce->json, ev);
	if (ev->kind == CAGE_EVENT_NO_LISTENER) {
		if (ce->verbosity > 0)
			fprintf(stderr, "syscage: no supervisor (nested in "
					"another one?): the kernel enforces "
					"the policy, denials are not "
					"reported\n");
		return;
	}
	if (ev->kind == CAGE_EVENT_DENIED)
		ce->denied++;
	else if (ev->kind == CAGE_EVENT_AUDIT)
		ce->audited++;
	else
		ce->logged++;
	if (repeated(ce, ev) || ce->verbosity < 0)
		return;
	write_text(ev);
}

void
cli_events_finish(struct cli_events *ce, int status)
{
	for (size_t i = 0; i < ce->nseen && ce->verbosity >= 0; i++)
		if (ce->seen[i].count > 1)
			fprintf(stderr, "syscage: %s: %u more like it\n",
				ce->seen[i].name, ce->seen[i].count - 1);
	if (!ce->json)
		return;
	fprintf(ce->json,
		"{\"event\":\"summary\",\"exit_status\":%d,\"denied\":%u,"
		"\"audited\":%u,\"logged\":%u}\n",
		status, ce->denied, ce->audited, ce->logged);
	fflush(ce->json);
}
