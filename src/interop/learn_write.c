// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --learn, the writing half: what supervise/record.c recorded, written
 * back as a policy that allows exactly that.  Whole groups are named
 * where every member was used (lang/groups.c gives their members);
 * conditions are written where few values were seen.  What lint.c warns
 * about is never allowed silently: such a rule is written commented out,
 * with lint's reason.  Nothing the target chose reaches the file but in a
 * comment, escaped.
 */
#include "base/argnames.h"
#include "base/syscalls.h"
#include "lang/groups.h"
#include "policy/policy.h"
#include "supervise/record.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NWATCHED   CAGE_LEARN_NWATCHED
#define MAX_VALUES CAGE_LEARN_MAX_VALUES

/* The recorder's table: the calls with values, and how to write them. */
static const struct cage_record_watch *const watched = cage_record_watched;

static bool
seen(const unsigned char *set, int nr)
{
	return nr >= 0 && nr < CAGE_LEARN_NR_LIMIT &&
	       (set[nr / 8] & (1u << (nr % 8)));
}

/* The safe rule of watched call W, or NULL. */
static const char *
safe_of(int w)
{
	return w < 0 ? NULL : watched[w].safe;
}

static void
write_safe_rule(FILE *out, size_t w)
{
	fprintf(out, "allow %s if %s\n", watched[w].name, watched[w].safe);
}

/* Writes NULL-prefixed values as numbers, others by their canonical
 * names (argnames.c: AF_UNIX, not AF_FILE; F_SETFL, not F_EXLCK). */
static void
write_value(FILE *out, const char *prefix, uint64_t v)
{
	static const struct {
		const char *prefix;
		enum cage_ns ns;
	} names[] = {
		{"AF_", CAGE_NS_AF},	     {"TIOC", CAGE_NS_IOCTL},
		{"PR_", CAGE_NS_PRCTL},	     {"PER_", CAGE_NS_PERSONALITY},
		{"CLONE_", CAGE_NS_NSFLAGS}, {"F_", CAGE_NS_FCNTL},
		{"PROT_", CAGE_NS_PROT},     {"NETLINK_", CAGE_NS_NETLINK},
	};
	char text[256];

	for (size_t i = 0; prefix && i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(names[i].prefix, prefix)) {
			cage_ns_value(text, sizeof(text), names[i].ns, v,
				      ~0ull);
			fputs(text, out);
			return;
		}
	fprintf(out, "%#llx", (unsigned long long)v);
}

/* argN == V, and for a netlink socket argM == PROTOCOL too. */
static void
write_test(FILE *out, size_t w, uint64_t v)
{
	fprintf(out, "arg%u == ", watched[w].arg);
	write_value(out, watched[w].prefix, (uint32_t)v);
	if (cage_record_has_arg2(w, v)) {
		fprintf(out, " && arg%d == ", watched[w].arg2);
		write_value(out, watched[w].prefix ? "NETLINK_" : NULL,
			    v >> 32);
	}
}

static int
watch_of(const char *name)
{
	for (size_t w = 0; w < NWATCHED; w++)
		if (!strcmp(watched[w].name, name))
			return (int)w;
	return -1;
}

/* What lint made of one rule the run called for. */
struct entry {
	int nr;
	int w, v;	 /* a watched call's value, or -1: the call whole */
	const char *why; /* lint's warning: left out; NULL: kept */
	unsigned line;	 /* in the draft */
};

struct analysis {
	struct entry *e;
	size_t n;
	struct cage_diags diags; /* lint's, which entries point into */
	unsigned char kept[CAGE_LEARN_NR_LIMIT / 8]; /* seen, not left out */
	bool dropped[NWATCHED][MAX_VALUES];
	bool narrow[NWATCHED]; /* the plain rule warns: write the values */
	size_t left_out;
};

static bool
learned_whole(const struct cage_learned *l, int nr, int w)
{
	const char *name = cage_syscall_name(nr);

	return w < 0 || l->overflow[w] || !l->nvalues[w] ||
	       (name && !strcmp(name, "execve"));
}

/* One draft rule per call, or per value of a watched call. */
static int
draft(const struct cage_learned *l, struct analysis *a, FILE *out)
{
	unsigned line = 1;

	fputs("default errno EPERM\n", out);
	a->e = calloc(CAGE_LEARN_NR_LIMIT + NWATCHED * MAX_VALUES,
		      sizeof(*a->e));
	if (!a->e)
		return -ENOMEM;
	for (int nr = 0; nr < CAGE_LEARN_NR_LIMIT; nr++) {
		const char *name = cage_syscall_name(nr);
		int w = name ? watch_of(name) : -1;

		if (!seen(l->seen, nr) || !name || !strcmp(name, "clone3") ||
		    !strcmp(name, "openat2"))
			continue;
		if (learned_whole(l, nr, w) && safe_of(w)) {
			/* Too many to list: what the policy will say. */
			write_safe_rule(out, (size_t)w);
			a->e[a->n++] = (struct entry){nr, w, -1, NULL, ++line};
			continue;
		}
		if (learned_whole(l, nr, w)) {
			fprintf(out, "allow %s\n", name);
			a->e[a->n++] = (struct entry){nr, w, -1, NULL, ++line};
			continue;
		}
		for (unsigned i = 0; i < l->nvalues[w]; i++) {
			fprintf(out, "allow %s if ", name);
			write_test(out, (size_t)w, l->values[w][i]);
			fputc('\n', out);
			a->e[a->n++] =
				(struct entry){nr, w, (int)i, NULL, ++line};
		}
	}
	return ferror(out) ? -EIO : 0;
}

/*
 * The plain rule of each watched call written plain when no value warns
 * (fcntl, prlimit64...): linted apart, for a warning on it must not hide
 * one on a value of the first draft.
 */
static int
draft_plain(const struct cage_learned *l, struct analysis *a, FILE *out)
{
	unsigned line = 1;

	fputs("default errno EPERM\n", out);
	a->e = calloc(NWATCHED, sizeof(*a->e));
	if (!a->e)
		return -ENOMEM;
	for (size_t w = 0; w < NWATCHED; w++) {
		int nr = cage_syscall_number(watched[w].name);

		if (nr < 0 || !seen(l->seen, nr) || watched[w].condition ||
		    safe_of((int)w) || learned_whole(l, nr, (int)w))
			continue;
		fprintf(out, "allow %s\n", watched[w].name);
		a->e[a->n++] = (struct entry){nr, (int)w, -1, NULL, ++line};
	}
	return ferror(out) ? -EIO : 0;
}

/* Lint's warnings on the draft, each at the entry of its line. */
static int
lint_draft(const char *text, size_t len, struct analysis *a)
{
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;
	int err =
		cage_policy_load_buffer("<learned>", NULL, text, len, &d, &pol);

	if (!err)
		err = cage_policy_lint(pol, &d);
	for (size_t i = 0; i < d.n && !err; i++) {
		const struct cage_diag *g = &d.v[i];

		if (g->severity != CAGE_SEVERITY_WARNING || !g->file ||
		    strcmp(g->file, "<learned>"))
			continue;
		for (size_t k = 0; k < a->n; k++)
			if (a->e[k].line == g->line && !a->e[k].why)
				a->e[k].why = g->message;
	}
	cage_policy_free(pol);
	a->diags = d;
	return err;
}

/* Which calls and values are kept, from the warnings. */
static void
settle(const struct cage_learned *l, struct analysis *a)
{
	memcpy(a->kept, l->seen, sizeof(a->kept));
	for (size_t k = 0; k < a->n; k++) {
		const struct entry *e = &a->e[k];

		if (!e->why)
			continue;
		a->left_out++;
		if (e->v < 0)
			a->kept[e->nr / 8] &=
				(unsigned char)~(1u << (e->nr % 8));
		else
			a->dropped[e->w][e->v] = true;
	}
	/* A watched call none of whose values is kept is not kept. */
	for (size_t w = 0; w < NWATCHED; w++) {
		int nr = cage_syscall_number(watched[w].name);
		unsigned left = 0;

		if (nr < 0 || learned_whole(l, nr, (int)w))
			continue;
		for (unsigned i = 0; i < l->nvalues[w]; i++)
			left += !a->dropped[w][i];
		if (!left)
			a->kept[nr / 8] &= (unsigned char)~(1u << (nr % 8));
	}
}

static void
analysis_free(struct analysis *a)
{
	free(a->e);
	a->e = NULL;
	cage_diags_free(&a->diags);
}

/* Write a draft with MAKE, then lint it into A's entries. */
static int
draft_and_lint(const struct cage_learned *l, struct analysis *a,
	       int (*make)(const struct cage_learned *, struct analysis *,
			   FILE *))
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int err;

	if (!m)
		return -errno;
	err = make(l, a, m);
	if (fclose(m) && !err)
		err = -EIO;
	if (!err)
		err = lint_draft(text, len, a);
	free(text);
	return err;
}

static int
analyse(const struct cage_learned *l, struct analysis *a)
{
	struct analysis plain;
	int err;

	memset(a, 0, sizeof(*a));
	memset(&plain, 0, sizeof(plain));
	err = draft_and_lint(l, &plain, draft_plain);
	for (size_t k = 0; !err && k < plain.n; k++)
		a->narrow[plain.e[k].w] = plain.e[k].why != NULL;
	analysis_free(&plain);
	if (!err)
		err = draft_and_lint(l, a, draft);
	if (!err)
		settle(l, a);
	else
		analysis_free(a);
	return err;
}

/* One watched syscall: a condition, or a plain allow with a comment. */
static void
write_watched(const struct cage_learned *l, const struct analysis *a, size_t w,
	      FILE *out)
{
	int nr = cage_syscall_number(watched[w].name);
	bool some_dropped = false, first = true;

	if (nr < 0 || !seen(a->kept, nr))
		return;
	for (unsigned i = 0; i < l->nvalues[w]; i++)
		some_dropped |= a->dropped[w][i];
	if (safe_of((int)w)) {
		write_safe_rule(out, w);
		return;
	}
	if ((watched[w].condition || some_dropped || a->narrow[w]) &&
	    !l->overflow[w] && l->nvalues[w]) {
		/* Netlink sockets with their protocol: a rule of their own. */
		for (unsigned i = 0; i < l->nvalues[w]; i++) {
			if (a->dropped[w][i] ||
			    !cage_record_has_arg2(w, l->values[w][i]))
				continue;
			fprintf(out, "allow %s if ", watched[w].name);
			write_test(out, w, l->values[w][i]);
			fputc('\n', out);
		}
		for (unsigned i = 0; i < l->nvalues[w]; i++) {
			if (a->dropped[w][i] ||
			    cage_record_has_arg2(w, l->values[w][i]))
				continue;
			fprintf(out, first ? "allow %s if arg%u in (" : ", ",
				watched[w].name, watched[w].arg);
			write_value(out, watched[w].prefix, l->values[w][i]);
			first = false;
		}
		if (!first)
			fputs(")\n", out);
		return;
	}
	fprintf(out, "allow %s\t# arg%u seen:", watched[w].name,
		watched[w].arg);
	for (unsigned i = 0; i < l->nvalues[w]; i++) {
		fputc(' ', out);
		write_value(out, watched[w].prefix, (uint32_t)l->values[w][i]);
	}
	fputs(l->overflow[w] ? " ...\n" : "\n", out);
}

/*
 * MEMBERS (a group's, nested groups expanded) as syscall numbers into
 * SET; false if one is watched: naming the group would lose its condition.
 */
static bool
member_set(const char *const *members, size_t n, unsigned char *set)
{
	for (size_t k = 0; k < n; k++) {
		const char *m = members[k];
		int nr = cage_syscall_number(m);

		if (nr >= 0 && watch_of(m) >= 0)
			return false; /* would lose its condition */
		if (nr >= 0 && nr < CAGE_LEARN_NR_LIMIT)
			set[nr / 8] |= (unsigned char)(1u << (nr % 8));
	}
	return true;
}

struct groups_out {
	const unsigned char *seen_set;
	unsigned char *done;
	FILE *out;
};

/* 'allow @group' if its members were all used, and some not yet named. */
static int
write_group(const char *group, const char *const *members, size_t n, void *arg)
{
	struct groups_out *g = arg;
	unsigned char set[CAGE_LEARN_NR_LIMIT / 8] = {0};
	bool all = true, fresh = false;
	unsigned count = 0;

	if (!member_set(members, n, set))
		return 0;
	for (size_t b = 0; b < sizeof(set); b++) {
		all = all && (set[b] & g->seen_set[b]) == set[b];
		fresh = fresh || (set[b] & ~g->done[b]);
		count += (unsigned)__builtin_popcount(set[b]);
	}
	if (!all || !fresh || count < 2)
		return 0;
	fprintf(g->out, "allow %s\n", group);
	for (size_t b = 0; b < sizeof(set); b++)
		g->done[b] |= set[b];
	return 0;
}

/* 'allow @group' for every built-in group whose members were all used. */
static void
write_groups(const unsigned char *seen_set, unsigned char *done, FILE *out)
{
	struct groups_out g = {seen_set, done, out};

	(void)cage_groups_each(write_group, &g);
}

/* The draft's rule for entry E, as the left-out section shows it. */
static void
write_entry(const struct cage_learned *l, const struct entry *e, FILE *out)
{
	fprintf(out, "allow %s", cage_syscall_name(e->nr));
	if (e->v >= 0) {
		fputs(" if ", out);
		write_test(out, (size_t)e->w, l->values[e->w][e->v]);
	}
}

static void
write_left_out(const struct cage_learned *l, const struct analysis *a,
	       FILE *out)
{
	if (!a->left_out)
		return;
	fputs("\n# Left out: this run made these calls, but syscage --check "
	      "warns about\n# each, for the reason under it.  To allow one "
	      "the program needs,\n# remove the '#' before its rule.\n",
	      out);
	for (size_t k = 0; k < a->n; k++) {
		if (!a->e[k].why)
			continue;
		fputc('#', out);
		write_entry(l, &a->e[k], out);
		fputs("\n#\t", out);
		cage_record_put_escaped(out, a->e[k].why, 512);
		fputc('\n', out);
	}
}

static void
write_header(const struct cage_learned *l, const char *command, FILE *out)
{
	time_t now = time(NULL);
	char date[32];

	strftime(date, sizeof(date), "%Y-%m-%d", gmtime(&now));
	fprintf(out, "# Learned by syscage --learn on %s from:\n#   ", date);
	cage_record_put_escaped(out, command ? command : "?", 4096);
	fputc('\n', out);
	if (l->method[0])
		fprintf(out, "# Recorded by %s.\n", l->method);
	if (l->policies[0])
		fprintf(out,
			"# Enforced meanwhile: %s; what it denied failed "
			"and is not here.\n",
			l->policies);
	if (l->lost)
		fprintf(out,
			"# INCOMPLETE: %llu calls went unrecorded (the trace "
			"buffer was full); run it again.\n",
			(unsigned long long)l->lost);
	fputs("# It allows what that run did; review it before you rely on "
	      "it.\ndefault errno EPERM\n"
	      "# glibc falls back to clone and openat, whose flags seccomp "
	      "can read.\nerrno ENOSYS clone3 openat2\n\n",
	      out);
}

int
cage_learned_write(const struct cage_learned *l, const char *command, FILE *out)
{
	unsigned char done[CAGE_LEARN_NR_LIMIT / 8] = {0};
	struct analysis a;
	int col = 0, err = analyse(l, &a);

	if (err)
		return err;
	write_header(l, command, out);
	write_groups(a.kept, done, out);
	for (size_t w = 0; w < NWATCHED; w++)
		write_watched(l, &a, w, out);
	for (int nr = 0; nr < CAGE_LEARN_NR_LIMIT; nr++) {
		const char *name = cage_syscall_name(nr);

		if (!seen(a.kept, nr) || !name ||
		    (done[nr / 8] & (1u << (nr % 8))) || watch_of(name) >= 0 ||
		    !strcmp(name, "clone3") || !strcmp(name, "openat2"))
			continue;
		if (col == 0 || col + strlen(name) > 70) {
			fputs(col ? "\nallow" : "allow", out);
			col = 5;
		}
		fprintf(out, " %s", name);
		col += (int)strlen(name) + 1;
	}
	if (col)
		fputc('\n', out);
	write_left_out(l, &a, out);
	analysis_free(&a);
	return ferror(out) ? -EIO : 0;
}

int
cage_learned_left_out(const struct cage_learned *l, FILE *out)
{
	struct analysis a;
	int n, err = analyse(l, &a);

	if (err)
		return err;
	for (size_t k = 0; k < a.n; k++) {
		if (!a.e[k].why)
			continue;
		fputs("  ", out);
		write_entry(l, &a.e[k], out);
		fputs(": ", out);
		cage_record_put_escaped(out, a.e[k].why, 512);
		fputc('\n', out);
	}
	n = (int)a.left_out;
	analysis_free(&a);
	return n;
}
