// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --audit enforces nothing: the layers beside seccomp (Landlock's rules,
 * the private view, the environment, the limits) are planned as for a
 * run, said, and taken out of the plan, so that a user sees what a policy
 * would break before adopting it.  Variables are named, never valued.
 */
#include "launch/environ.h"
#include "launch/plan_audit.h"
#include "policy/limits.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int __attribute__((format(printf, 2, 3)))
note(struct cage_diags *d, const char *fmt, ...)
{
	char msg[3 * CAGE_PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cage_diag_add(d, CAGE_SEVERITY_NOTE, NULL, "audit: %s", msg);
}

static const char *
access_word(unsigned a)
{
	if (a & CAGE_FS_WRITE)
		return a & CAGE_FS_EXEC ? "rwx" : "rw";
	return a & CAGE_FS_EXEC ? "rx" : "ro";
}

/*
 * Words gathered into notes of about 72 columns (a message is kept to
 * 512 bytes, and a plan to 100 notes: diag.c): "  HEAD w1 w2 ...",
 * continued by "    w3 ...", the last one ending in TAIL.
 */
struct words {
	struct cage_diags *d;
	char line[400];
	size_t len, indent;
	int err;
};

static void
words_flush(struct words *w)
{
	if (!w->err && w->len > w->indent)
		w->err = note(w->d, "%s", w->line);
	w->len = (size_t)snprintf(w->line, sizeof(w->line), "   ");
	w->indent = w->len;
}

static void
words_start(struct words *w, struct cage_diags *d, const char *head)
{
	w->d = d;
	w->err = 0;
	w->len = (size_t)snprintf(w->line, sizeof(w->line), "  %s", head);
	w->indent = w->len;
}

static void
words_add(struct words *w, const char *word)
{
	size_t n = strlen(word);

	if (w->len > w->indent && w->len + n + 1 > 72)
		words_flush(w);
	if (w->len + n + 2 < sizeof(w->line))
		w->len +=
			(size_t)snprintf(w->line + w->len,
					 sizeof(w->line) - w->len, " %s", word);
}

static int
words_end(struct words *w, const char *tail)
{
	if (w->len + strlen(tail) + 1 < sizeof(w->line))
		snprintf(w->line + w->len, sizeof(w->line) - w->len, "%s",
			 tail);
	w->len = sizeof(w->line); /* the tail makes it worth a note */
	words_flush(w);
	return w->err;
}

/* The rules from R on written on one line of one file with one access,
 * paths as the run would have them; how many. */
static size_t
say_rules(const struct cage_fs_rule *r, size_t n, const struct cage_vars *vars,
	  struct cage_diags *d, int *err)
{
	const char *file = r->loc.file ? r->loc.file->name : "?";
	char head[16], path[CAGE_PATH_MAX], tail[CAGE_PATH_MAX];
	struct words w;
	size_t k = 0;

	snprintf(head, sizeof(head), "fs %s", access_word(r->access));
	words_start(&w, d, head);
	for (; k < n && r[k].access == r->access &&
	       r[k].loc.file == r->loc.file && r[k].loc.line == r->loc.line;
	     k++) {
		if (cage_fs_path_is_tty(r[k].path))
			words_add(&w, r[k].path);
		else if (!cage_fs_path_expand(r[k].path, vars, path,
					      sizeof(path)))
			words_add(&w, path); /* else no value: skipped */
	}
	snprintf(tail, sizeof(tail), " (%s, line %u)", file, r->loc.line);
	*err = words_end(&w, tail);
	return k;
}

static int
audit_fs(const struct cage_launch_opts *o, const struct cage_vars *vars,
	 struct cage_diags *d)
{
	size_t nfs = 0, nports = 0;
	int err = 0;

	for (size_t i = 0; i < o->npolicies; i++) {
		nfs += o->policies[i]->iso.nfs;
		nports += o->policies[i]->iso.nconnect +
			  o->policies[i]->iso.nbind;
	}
	if (!nfs && !nports)
		return 0;
	err = note(d, "not enforced: Landlock (a read, write or exec outside "
		      "these rules would be refused; signals and abstract "
		      "sockets would not leave the sandbox):");
	for (size_t i = 0; i < o->npolicies && !err; i++) {
		const struct cage_isolation *iso = &o->policies[i]->iso;

		for (size_t k = 0; k < iso->nfs && !err;)
			k += say_rules(iso->fs + k, iso->nfs - k, vars, d,
				       &err);
		for (size_t k = 0; k < iso->nconnect && !err; k++)
			err = note(d, "  net connect tcp port %u",
				   iso->connect[k]);
		for (size_t k = 0; k < iso->nbind && !err; k++)
			err = note(d, "  net bind tcp port %u", iso->bind[k]);
	}
	return err;
}

/* The view's mounts of one sort, on as few lines as fit. */
static int
say_mounts(const struct cage_view_plan *v, const char *head, int sort,
	   struct cage_diags *d)
{
	struct words w;
	size_t n = 0;

	words_start(&w, d, head);
	for (size_t i = 0; i < v->n_mounts; i++) {
		const struct cage_view_mount *m = &v->mounts[i];
		int s = m->kind == CAGE_VIEW_HIDE    ? 2
			: m->kind != CAGE_VIEW_BIND  ? 3
			: m->flags & CAGE_VIEW_WRITE ? 1
						     : 0;

		if (s == sort) {
			words_add(&w, m->target);
			n++;
		}
	}
	return n ? words_end(&w, "") : 0;
}

/* The view, said as -v says it, then left out. */
static int
audit_view(struct cage_view_plan **view, struct cage_diags *d)
{
	static const char *const sorts[] = {
		"read-only:", "read-write:", "hidden (fs none):",
		"of its own (empty, /dev, /proc):"};
	const struct cage_view_plan *v = *view;
	char ns[64];
	int err;

	if (!v)
		return 0;
	snprintf(ns, sizeof(ns), "%s%s%s%s%s",
		 v->ns & CAGE_VIEW_NS_USER ? " user" : "",
		 v->ns & CAGE_VIEW_NS_MOUNT ? " mount" : "",
		 v->ns & CAGE_VIEW_NS_PID ? " pid" : "",
		 v->ns & CAGE_VIEW_NS_IPC ? " ipc" : "",
		 v->ns & CAGE_VIEW_NS_NET ? " net (lo only)" : "");
	err = note(d,
		   "not enforced: private view (%s namespaces; what it does "
		   "not hold would be absent):",
		   ns + (ns[0] == ' '));
	for (int i = 0; i < 4 && !err; i++)
		err = say_mounts(v, sorts[i], i, d);
	cage_view_plan_free(*view);
	*view = NULL;
	return err;
}

static size_t
name_len(const char *entry)
{
	const char *eq = strchr(entry, '=');

	return eq ? (size_t)(eq - entry) : strlen(entry);
}

/* ENV holds a variable named as ENTRY's; with the same value if SAME. */
static bool
holds(char *const *env, const char *entry, bool same)
{
	size_t n = name_len(entry);

	for (size_t i = 0; env[i]; i++)
		if (name_len(env[i]) == n && !strncmp(env[i], entry, n))
			return !same || !strcmp(env[i], entry);
	return false;
}

/* Whether FROM[I] is a variable TO lacks (SAME: or has another value of). */
static bool
missing(char *const *from, size_t i, char *const *to, bool same)
{
	return strchr(from[i], '=') && !holds(to, from[i], same);
}

/*
 * The names of FROM's variables that TO lacks (SAME: or has with another
 * value), after HEAD, a line of notes for every few: a message is kept
 * to 512 bytes (diag.c).
 */
static int
say_names(char *const *from, char *const *to, bool same, const char *head,
	  struct cage_diags *d)
{
	char line[96];
	size_t n = 0, len = 0;
	int err = 0;

	for (size_t i = 0; from[i]; i++)
		n += missing(from, i, to, same);
	if (!n)
		return 0;
	err = note(d, "%s: %zu variable%s %s",
		   same ? "environment" : "not enforced: environment", n,
		   n == 1 ? "" : "s", head);
	line[0] = '\0';
	for (size_t i = 0; from[i] && !err; i++) {
		size_t k = name_len(from[i]);

		if (!missing(from, i, to, same))
			continue;
		if (len && len + k + 1 >= 72) {
			err = note(d, " %s", line);
			len = 0;
		}
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %.*s",
					(int)(k < 64 ? k : 64), from[i]);
	}
	return err || !len ? err : note(d, " %s", line);
}

/* BASE with BUILT's variables that BASE lacks or holds with another
 * value: what 'env set' adds, without what 'env clear' drops. */
static int
merge_sets(char *const *base, char *const *built, char ***out)
{
	size_t nb = 0, nt = 0, n = 0;
	char **env;

	while (base[nb])
		nb++;
	while (built[nt])
		nt++;
	env = calloc(nb + nt + 1, sizeof(*env));
	if (!env)
		return -ENOMEM;
	/* The variables set first: a base variable they name is left out. */
	for (size_t i = 0; i < nt + nb; i++) {
		const char *v = i < nt ? built[i] : base[i - nt];

		if (i < nt ? !missing(built, i, base, true)
			   : !strchr(v, '=') || holds(env, v, false))
			continue;
		if (!(env[n++] = strdup(v))) {
			cage_environ_free(env);
			return -ENOMEM;
		}
	}
	*out = env;
	return 0;
}

static int
audit_env(const struct cage_launch_opts *o, char *const *base, char ***out,
	  struct cage_diags *d)
{
	char **built = NULL;
	int err = cage_environ_build(o->policies, o->npolicies, base, &built);

	if (err)
		return err;
	err = say_names(base, built, false,
			"would be dropped (keep one with 'env keep NAME' or "
			"--env-keep NAME):",
			d);
	if (!err)
		err = say_names(built, base, true, "set (env set, --env):", d);
	if (!err)
		err = merge_sets(base, built, out);
	cage_environ_free(built);
	return err;
}

static void
limit_text(rlim_t v, char *buf, size_t size)
{
	if (v == RLIM_INFINITY)
		snprintf(buf, size, "unlimited");
	else
		snprintf(buf, size, "%llu", (unsigned long long)v);
}

static int
audit_limits(struct cage_rlimits *l, struct cage_diags *d)
{
	char soft[32], hard[32];
	int err = 0;

	for (size_t i = 0; i < l->n && !err; i++) {
		limit_text(l->v[i].rl.rlim_cur, soft, sizeof(soft));
		limit_text(l->v[i].rl.rlim_max, hard, sizeof(hard));
		err = note(d, "not enforced: limit %s %s%s%s",
			   cage_rlimit_name(l->v[i].resource), soft,
			   strcmp(soft, hard) ? ":" : "",
			   strcmp(soft, hard) ? hard : "");
	}
	l->n = 0;
	return err;
}

int
cage_plan_audit(const struct cage_launch_opts *o, const struct cage_vars *vars,
		struct cage_view_plan **view, struct cage_rlimits *limits,
		char *const *base, char ***env, struct cage_diags *d)
{
	int err = audit_fs(o, vars, d);

	if (!err)
		err = audit_view(view, d);
	if (!err)
		err = audit_env(o, base, env, d);
	if (!err)
		err = audit_limits(limits, d);
	return err;
}
