// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What syscage(1) says about the supervisor's events: one line per denied
 * call and the policy line that would allow it on stderr, and JSON Lines
 * for --report.  The target chooses how many events there are and much of
 * their text: text is escaped (text_escape.c), and both outputs are
 * bounded (cli_events.h), the rest counted in the summary.
 */
#include "cli_events.h"
#include "syscage.h"

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

/*
 * S as safe text: unchanged when it already is (a decoded call, whose
 * strings report.c escaped), else escaped into BUF.
 */
const char *
cli_safe(const char *s, char *buf, size_t size)
{
	if (!s)
		return "";
	if (cage_text_is_safe(s))
		return s;
	cage_text_escape(buf, size, s, strlen(s), 0);
	return buf;
}

/* Safe text needs only '"' and '\' escaped to be a JSON string. */
void
cli_json_string(FILE *f, const char *s)
{
	char buf[2048];

	s = cli_safe(s, buf, sizeof(buf));
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* The command name as /proc gave it: raw bytes, always escaped. */
static const char *
comm_text(const struct cage_event *ev, char buf[64])
{
	cage_text_escape(buf, 64, ev->comm, strnlen(ev->comm, 16), 0);
	return buf;
}

static const char *const kinds[] = {
	[CAGE_EVENT_DENIED] = "denied",
	[CAGE_EVENT_LOGGED] = "logged",
	[CAGE_EVENT_AUDIT] = "audit",
	[CAGE_EVENT_NO_LISTENER] = "no-listener",
	[CAGE_EVENT_BY_DESIGN] = "by-design",
	[CAGE_EVENT_FS_REFUSED] = "path-refused",
	[CAGE_EVENT_FS_AUDIT] = "path-audit",
};

static const char *const advices[] = {
	[CAGE_ADVICE_RULE] = "rule",
	[CAGE_ADVICE_OPTION] = "option",
	[CAGE_ADVICE_ENOSYS] = "enosys",
	[CAGE_ADVICE_NONE] = "none",
};

static bool
is_fs(enum cage_event_kind k)
{
	return k == CAGE_EVENT_FS_REFUSED || k == CAGE_EVENT_FS_AUDIT;
}

/* FS_*: the path, the access and the option, for --report (why is
 * written with every denial's). */
static void
write_json_fs(FILE *f, const struct cage_event *ev)
{
	fputs(",\"path\":", f);
	cli_json_string(f, ev->path);
	fputs(",\"want\":", f);
	cli_json_string(f, ev->want);
	fputs(",\"option\":", f);
	cli_json_string(f, ev->option);
	if (!ev->allow[0] && ev->withheld[0]) {
		fputs(",\"withheld\":", f);
		cli_json_string(f, ev->withheld);
	}
}

/* {"time":...,"event":EVENT, without the closing brace. */
void
cli_json_head(FILE *f, const char *event)
{
	struct timespec ts;
	char when[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", gmtime(&ts.tv_sec));
	fprintf(f, "{\"time\":\"%s.%03ldZ\",\"event\":\"%s\"", when,
		ts.tv_nsec / 1000000, event);
}

static void
write_json(FILE *f, const struct cage_event *ev)
{
	char act[32], comm[64];

	cli_json_head(f, kinds[ev->kind]);
	if (ev->kind == CAGE_EVENT_NO_LISTENER) {
		fprintf(f, ",\"errno\":%d}\n", ev->errnum);
		return;
	}
	fprintf(f, ",\"pid\":%d,\"comm\":", ev->pid);
	cli_json_string(f, comm_text(ev, comm));
	fputs(",\"syscall\":", f);
	cli_json_string(f, ev->name);
	fprintf(f, ",\"nr\":%d,\"args\":[", ev->nr);
	for (int i = 0; i < 6; i++)
		fprintf(f, "%s\"%#llx\"", i ? "," : "",
			(unsigned long long)ev->args[i]);
	fputs("],\"call\":", f);
	cli_json_string(f, ev->call);
	fputs(",\"action\":", f);
	cli_json_string(f, cage_action_str(&ev->action, act, sizeof(act)));
	fputs(",\"policy\":", f);
	cli_json_string(f, ev->policy);
	fputs(",\"file\":", f);
	cli_json_string(f, ev->file);
	fprintf(f, ",\"line\":%u", ev->line);
	if (ev->kind == CAGE_EVENT_BY_DESIGN) {
		fputs(",\"reason\":", f);
		cli_json_string(f, ev->why);
		fputs("}\n", f);
		return;
	}
	fputs(",\"allow\":", f);
	cli_json_string(f, ev->allow);
	if (ev->kind != CAGE_EVENT_LOGGED)
		fprintf(f, ",\"advice\":\"%s\"", advices[ev->advice]);
	if (ev->kind != CAGE_EVENT_LOGGED && ev->why[0]) {
		fputs(",\"why\":", f);
		cli_json_string(f, ev->why);
	}
	if (is_fs(ev->kind))
		write_json_fs(f, ev);
	fputs("}\n", f);
}

/* The key of EV (its kind, syscall and deciding rule; a path's suggestion
 * or why none), or NULL when the
 * table is full: a fixed table, searched in a bounded number of steps. */
static uint32_t
sub_of(const struct cage_event *ev)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	if (!is_fs(ev->kind))
		return 0;
	for (const char *s = ev->allow; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	/* Each reason for no suggestion said once, not folded into one. */
	for (const char *s = ev->withheld; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct cli_key *
find_key(struct cli_events *ce, const struct cage_event *ev)
{
	uint32_t sub = sub_of(ev);
	size_t h =
		((size_t)ev->nr * 31 + ev->line) * 7 + (size_t)ev->kind + sub;

	h ^= (size_t)(uintptr_t)ev->file >> 4;
	for (size_t i = 0; i < CLI_MAX_KEYS; i++) {
		struct cli_key *k = &ce->keys[(h + i) % CLI_MAX_KEYS];

		if (!k->used) {
			if (ce->nkeys == CLI_MAX_KEYS)
				return NULL;
			k->used = true;
			k->kind = ev->kind;
			k->nr = ev->nr;
			k->policy = ev->policy;
			k->file = ev->file;
			k->line = ev->line;
			k->sub = sub;
			snprintf(k->name, sizeof(k->name), "%s",
				 ev->name ? ev->name : "?");
			ce->order[ce->nkeys++] = (uint16_t)(k - ce->keys);
			return k;
		}
		if (k->nr == ev->nr && k->kind == ev->kind &&
		    k->line == ev->line && k->file == ev->file && k->sub == sub)
			return k;
	}
	return NULL;
}

/*
 * syscage: refused openat(AT_FDCWD, "/x/f", ...) in pid 9 (sh): create /x/f:
 *          no fs rule of ci covers it (Landlock)
 * syscage:   allow it with:  fs rw /x                 (or --rw /x)
 */
static void
write_text_fs(const struct cage_event *ev)
{
	char comm[64], call[2048], path[1024], why[1024], allow[1024],
		opt[1024];

	comm_text(ev, comm);
	fprintf(stderr, "syscage: %s %s in pid %d (%s): %s %s: %s\n",
		ev->kind == CAGE_EVENT_FS_AUDIT ? "audit: would refuse"
						: "refused",
		cli_safe(ev->call, call, sizeof(call)), ev->pid, comm,
		ev->want ? ev->want : "?",
		cli_safe(ev->path, path, sizeof(path)),
		cli_safe(ev->why, why, sizeof(why)));
	if (!ev->allow[0])
		fprintf(stderr, "syscage:   no rule suggested: %s\n",
			ev->withheld[0]
				? cli_safe(ev->withheld, why, sizeof(why))
				: "hidden on purpose");
	else if (ev->option[0])
		fprintf(stderr, "syscage:   allow it with:  %-24s (or %s)\n",
			cli_safe(ev->allow, allow, sizeof(allow)),
			cli_safe(ev->option, opt, sizeof(opt)));
	else
		fprintf(stderr, "syscage:   allow it with:  %s\n",
			cli_safe(ev->allow, allow, sizeof(allow)));
}

/* Where the deciding rule is: " (FILE, line N)", or the default's. */
static void
where_text(const struct cage_event *ev, char *out, size_t size)
{
	char where[512];

	if (ev->file && ev->line)
		snprintf(out, size, "(%s, line %u)",
			 cli_safe(ev->file, where, sizeof(where)), ev->line);
	else if (ev->kind == CAGE_EVENT_BY_DESIGN)
		out[0] = '\0';
	else
		snprintf(out, size, "(policy %s, its default)",
			 cli_safe(ev->policy ? ev->policy : "?", where,
				  sizeof(where)));
}

/* The second line of a denial: what would let it in, or why nothing. */
static void
write_advice(const struct cage_event *ev)
{
	char allow[1024], where[600], why[1024];

	where_text(ev, where, sizeof(where));
	switch (ev->advice) {
	case CAGE_ADVICE_RULE:
	case CAGE_ADVICE_OPTION:
		fprintf(stderr, "syscage:   allow it with:  %-24s %s\n",
			cli_safe(ev->allow, allow, sizeof(allow)), where);
		return;
	case CAGE_ADVICE_ENOSYS:
		fprintf(stderr, "syscage:   answer it with: %-24s %s: %s\n",
			cli_safe(ev->allow, allow, sizeof(allow)), where,
			cli_safe(ev->why, why, sizeof(why)));
		return;
	case CAGE_ADVICE_NONE:
		fprintf(stderr, "syscage:   no rule suggested %s: %s\n", where,
			cli_safe(ev->why, why, sizeof(why)));
		return;
	}
}

static void
write_text(const struct cage_event *ev)
{
	char act[32], comm[64], call[2048], where[600], why[1024];

	if (is_fs(ev->kind)) {
		write_text_fs(ev);
		return;
	}

	cage_action_str(&ev->action, act, sizeof(act));
	comm_text(ev, comm);
	if (ev->kind == CAGE_EVENT_LOGGED) {
		fprintf(stderr, "syscage: logged %s in pid %d (%s)\n",
			cli_safe(ev->call, call, sizeof(call)), ev->pid, comm);
		return;
	}
	if (ev->kind == CAGE_EVENT_BY_DESIGN) {
		where_text(ev, where, sizeof(where));
		fprintf(stderr,
			"syscage: by design: %s in pid %d (%s): %s%s%s: %s\n",
			cli_safe(ev->call, call, sizeof(call)), ev->pid, comm,
			act, where[0] ? " " : "", where,
			cli_safe(ev->why, why, sizeof(why)));
		return;
	}
	fprintf(stderr, "syscage: %s %s in pid %d (%s): %s\n",
		ev->kind == CAGE_EVENT_AUDIT ? "audit: would deny" : "denied",
		cli_safe(ev->call, call, sizeof(call)), ev->pid, comm,
		ev->action.kind == CAGE_ACTION_KILL ? "killed" : act);
	write_advice(ev);
}

static void
no_listener(struct cli_events *ce, const struct cage_event *ev)
{
	if (ce->no_listener)
		return;
	ce->no_listener = true;
	if (ce->json)
		write_json(ce->json, ev);
	if (ce->verbosity > 0)
		fprintf(stderr, "syscage: no supervisor (nested in another "
				"one?): the kernel enforces the policy, "
				"denials are not reported\n");
}

void
cli_events_handle(const struct cage_event *ev, void *ctx)
{
	struct cli_events *ce = ctx;
	struct cli_key *k;

	if (ev->kind == CAGE_EVENT_NO_LISTENER) {
		no_listener(ce, ev);
		return;
	}
	if (ev->kind == CAGE_EVENT_FS_REFUSED)
		ce->paths++;
	else if (ev->kind == CAGE_EVENT_DENIED)
		ce->denied++;
	else if (ev->kind == CAGE_EVENT_BY_DESIGN)
		ce->by_design++;
	else if (ev->kind == CAGE_EVENT_AUDIT ||
		 ev->kind == CAGE_EVENT_FS_AUDIT)
		ce->audited++;
	else
		ce->logged++;
	k = find_key(ce, ev);
	if (k)
		k->count++;
	else
		ce->untracked++;
	if (ce->json && k && k->records < CLI_RECORDS_PER_KEY &&
	    ce->records < CLI_RECORDS_MAX) {
		write_json(ce->json, ev);
		k->records++;
		ce->records++;
	} else if (ce->json) {
		ce->left_out++;
	}
	/* By design: only under -v, once. */
	if (k && !k->shown && ce->shown < CLI_TEXT_MAX &&
	    ce->verbosity >= (ev->kind == CAGE_EVENT_BY_DESIGN ? 1 : 0)) {
		write_text(ev);
		k->shown = true;
		ce->shown++;
	}
}

#define KEEP_HINT "--env-keep NAME, or 'env keep NAME' in a policy"

/* -v: the names on one line, escaped, at most CLI_ENV_TEXT_MAX bytes. */
static void
env_text(const char *const *names, size_t n)
{
	char line[CLI_ENV_TEXT_MAX], buf[1024];
	size_t len = 0, i;

	line[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *s = cli_safe(names[i], buf, sizeof(buf));

		if (len + strlen(s) + 2 >= sizeof(line))
			break;
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s",
					i ? ", " : "", s);
	}
	fprintf(stderr,
		"syscage: environment: removed %zu variable%s (names only): "
		"%s",
		n, n == 1 ? "" : "s", line);
	if (i < n)
		fprintf(stderr, " and %zu more (--report lists them all)",
			n - i);
	fprintf(stderr, "\nsyscage:   keep one with:  " KEEP_HINT
			" (a prefix: 'NODE_*')\n");
}

void
cli_events_env_dropped(struct cli_events *ce, const char *const *names,
		       size_t n)
{
	ce->env_dropped = n;
	if (!n)
		return;
	if (ce->verbosity > 0)
		env_text(names, n);
	if (!ce->json)
		return;
	cli_json_head(ce->json, "env-dropped");
	fprintf(ce->json, ",\"count\":%zu,\"names\":[", n);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', ce->json);
		cli_json_string(ce->json, names[i]);
	}
	fputs("],\"keep\":", ce->json);
	cli_json_string(ce->json, KEEP_HINT);
	fputs("}\n", ce->json);
}

/* The end of the run on stderr: repeats, and what was not shown. */
static void
finish_text(const struct cli_events *ce)
{
	uint64_t hidden = ce->untracked, kinds_hidden = 0;

	for (size_t i = 0; i < ce->nkeys; i++) {
		const struct cli_key *k = &ce->keys[ce->order[i]];

		if (k->kind == CAGE_EVENT_BY_DESIGN && ce->verbosity < 1)
			continue; /* not news: --report counts them */
		if (!k->shown) {
			hidden += k->count;
			kinds_hidden++;
		} else if (k->count > 1) {
			fprintf(stderr, "syscage: %s: %llu more like it\n",
				k->name, (unsigned long long)(k->count - 1));
		}
	}
	if (hidden)
		fprintf(stderr,
			"syscage: %llu more calls of %llu%s other kinds not "
			"shown (the first %d kinds are)\n",
			(unsigned long long)hidden,
			(unsigned long long)kinds_hidden,
			ce->untracked ? " and more" : "", CLI_TEXT_MAX);
	if (ce->left_out)
		fprintf(stderr,
			"syscage: --report: %llu records left out (at most %d "
			"of one call and rule, %d in all); the summary "
			"counts them\n",
			(unsigned long long)ce->left_out, CLI_RECORDS_PER_KEY,
			CLI_RECORDS_MAX);
}

static void
finish_json(const struct cli_events *ce, int status)
{
	FILE *f = ce->json;

	fprintf(f,
		"{\"event\":\"summary\",\"exit_status\":%d,\"denied\":%llu,"
		"\"by_design\":%llu,\"audited\":%llu,\"logged\":%llu,"
		"\"paths_refused\":%llu,"
		"\"records\":%llu,\"left_out\":%llu,\"untracked\":%llu,"
		"\"env_dropped\":%zu,"
		"\"calls\":[",
		status, (unsigned long long)ce->denied,
		(unsigned long long)ce->by_design,
		(unsigned long long)ce->audited, (unsigned long long)ce->logged,
		(unsigned long long)ce->paths, (unsigned long long)ce->records,
		(unsigned long long)ce->left_out,
		(unsigned long long)ce->untracked, ce->env_dropped);
	for (size_t i = 0; i < ce->nkeys; i++) {
		const struct cli_key *k = &ce->keys[ce->order[i]];

		fprintf(f, "%s{\"event\":\"%s\",\"syscall\":", i ? "," : "",
			kinds[k->kind]);
		cli_json_string(f, k->name);
		fprintf(f, ",\"nr\":%d,\"policy\":", k->nr);
		cli_json_string(f, k->policy);
		fputs(",\"file\":", f);
		cli_json_string(f, k->file);
		fprintf(f, ",\"line\":%u,\"count\":%llu,\"records\":%llu}",
			k->line, (unsigned long long)k->count,
			(unsigned long long)k->records);
	}
	fputs("]}\n", f);
	fflush(f);
}

void
cli_events_finish(struct cli_events *ce, int status)
{
	if (ce->verbosity >= 0)
		finish_text(ce);
	if (ce->json)
		finish_json(ce, status);
}
