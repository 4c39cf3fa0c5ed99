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

#include <signal.h>
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
static const char *
safe(const char *s, char *buf, size_t size)
{
	if (!s)
		return "";
	if (cage_text_is_safe(s))
		return s;
	cage_text_escape(buf, size, s, strlen(s), 0);
	return buf;
}

/* Safe text needs only '"' and '\' escaped to be a JSON string. */
static void
json_string(FILE *f, const char *s)
{
	char buf[2048];

	s = safe(s, buf, sizeof(buf));
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
	json_string(f, ev->path);
	fputs(",\"want\":", f);
	json_string(f, ev->want);
	fputs(",\"option\":", f);
	json_string(f, ev->option);
}

/* {"time":...,"event":EVENT, without the closing brace. */
static void
json_head(FILE *f, const char *event)
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

	json_head(f, kinds[ev->kind]);
	if (ev->kind == CAGE_EVENT_NO_LISTENER) {
		fprintf(f, ",\"errno\":%d}\n", ev->errnum);
		return;
	}
	fprintf(f, ",\"pid\":%d,\"comm\":", ev->pid);
	json_string(f, comm_text(ev, comm));
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
	fprintf(f, ",\"line\":%u", ev->line);
	if (ev->kind == CAGE_EVENT_BY_DESIGN) {
		fputs(",\"reason\":", f);
		json_string(f, ev->why);
		fputs("}\n", f);
		return;
	}
	fputs(",\"allow\":", f);
	json_string(f, ev->allow);
	if (ev->kind != CAGE_EVENT_LOGGED)
		fprintf(f, ",\"advice\":\"%s\"", advices[ev->advice]);
	if (ev->kind != CAGE_EVENT_LOGGED && ev->why[0]) {
		fputs(",\"why\":", f);
		json_string(f, ev->why);
	}
	if (is_fs(ev->kind))
		write_json_fs(f, ev);
	fputs("}\n", f);
}

/* The key of EV (its kind, syscall and deciding rule), or NULL when the
 * table is full: a fixed table, searched in a bounded number of steps. */
static uint32_t
sub_of(const struct cage_event *ev)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	if (!is_fs(ev->kind))
		return 0;
	for (const char *s = ev->allow; *s; s++)
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
		safe(ev->call, call, sizeof(call)), ev->pid, comm,
		ev->want ? ev->want : "?", safe(ev->path, path, sizeof(path)),
		safe(ev->why, why, sizeof(why)));
	if (!ev->allow[0])
		fputs("syscage:   no rule suggested: hidden on purpose\n",
		      stderr);
	else if (ev->option[0])
		fprintf(stderr, "syscage:   allow it with:  %-24s (or %s)\n",
			safe(ev->allow, allow, sizeof(allow)),
			safe(ev->option, opt, sizeof(opt)));
	else
		fprintf(stderr, "syscage:   allow it with:  %s\n",
			safe(ev->allow, allow, sizeof(allow)));
}

/* Where the deciding rule is: " (FILE, line N)", or the default's. */
static void
where_text(const struct cage_event *ev, char *out, size_t size)
{
	char where[512];

	if (ev->file && ev->line)
		snprintf(out, size, "(%s, line %u)",
			 safe(ev->file, where, sizeof(where)), ev->line);
	else if (ev->kind == CAGE_EVENT_BY_DESIGN)
		out[0] = '\0';
	else
		snprintf(out, size, "(policy %s, its default)",
			 safe(ev->policy ? ev->policy : "?", where,
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
			safe(ev->allow, allow, sizeof(allow)), where);
		return;
	case CAGE_ADVICE_ENOSYS:
		fprintf(stderr, "syscage:   answer it with: %-24s %s: %s\n",
			safe(ev->allow, allow, sizeof(allow)), where,
			safe(ev->why, why, sizeof(why)));
		return;
	case CAGE_ADVICE_NONE:
		fprintf(stderr, "syscage:   no rule suggested %s: %s\n", where,
			safe(ev->why, why, sizeof(why)));
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
			safe(ev->call, call, sizeof(call)), ev->pid, comm);
		return;
	}
	if (ev->kind == CAGE_EVENT_BY_DESIGN) {
		where_text(ev, where, sizeof(where));
		fprintf(stderr,
			"syscage: by design: %s in pid %d (%s): %s%s%s: %s\n",
			safe(ev->call, call, sizeof(call)), ev->pid, comm, act,
			where[0] ? " " : "", where,
			safe(ev->why, why, sizeof(why)));
		return;
	}
	fprintf(stderr, "syscage: %s %s in pid %d (%s): %s\n",
		ev->kind == CAGE_EVENT_AUDIT ? "audit: would deny" : "denied",
		safe(ev->call, call, sizeof(call)), ev->pid, comm,
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
		const char *s = safe(names[i], buf, sizeof(buf));

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
	json_head(ce->json, "env-dropped");
	fprintf(ce->json, ",\"count\":%zu,\"names\":[", n);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', ce->json);
		json_string(ce->json, names[i]);
	}
	fputs("],\"keep\":", ce->json);
	json_string(ce->json, KEEP_HINT);
	fputs("}\n", ce->json);
}

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
		 safe(l->file, file, sizeof(file)), l->line);
}

static void
json_limit(FILE *f, const struct cage_limit_set *l)
{
	fputs("{\"name\":", f);
	json_string(f, l->name);
	if (l->soft == UINT64_MAX)
		fputs(",\"soft\":null", f);
	else
		fprintf(f, ",\"soft\":%llu", (unsigned long long)l->soft);
	if (l->hard == UINT64_MAX)
		fputs(",\"hard\":null", f);
	else
		fprintf(f, ",\"hard\":%llu", (unsigned long long)l->hard);
	fputs(",\"file\":", f);
	json_string(f, l->file);
	fprintf(f, ",\"line\":%u}", l->line);
}

void
cli_events_limits(struct cli_events *ce, const struct cage_limit_set *l,
		  size_t n)
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
	json_head(ce->json, "limits");
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
	return l->hard != UINT64_MAX && cpu_us / 3 * 4 >= l->hard * 1000000
		       ? l
		       : NULL;
}

/* Set by an option: "NAME + command line" or "command line". */
static bool
from_options(const struct cage_limit_set *l)
{
	size_t n = strlen(l->file), k = strlen("command line");

	return n >= k && !strcmp(l->file + n - k, "command line");
}

bool
cli_events_limit_end(struct cli_events *ce, const char *cmd, int sig,
		     uint64_t cpu_us)
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
	json_head(ce->json, "limit-reached");
	fprintf(ce->json, ",\"signal\":\"SIG%s\",\"cpu_us\":%llu,\"limit\":",
		sigabbrev_np(sig), (unsigned long long)cpu_us);
	json_limit(ce->json, l);
	fputs(",\"raise\":", ce->json);
	json_string(ce->json, raise);
	fputs("}\n", ce->json);
	return true;
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
		json_string(f, k->name);
		fprintf(f, ",\"nr\":%d,\"policy\":", k->nr);
		json_string(f, k->policy);
		fputs(",\"file\":", f);
		json_string(f, k->file);
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
