// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --learn: the set of syscalls a process tree made, and the values of the
 * arguments that matter for a few of them, written back as a policy that
 * allows exactly that.  Whole groups are named where every member was
 * used; conditions are written where few values were seen.  What lint.c
 * warns about is never allowed silently: such a rule is written commented
 * out, with lint's reason.  Nothing the target chose reaches the file but
 * in a comment, escaped.
 */
#include "base/consts.h"
#include "lang/ast.h"
#include "supervise/learn.h"
#include "policy/policy.h"
#include "base/syscalls.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_VALUES 16
#define ANY	   (~0ULL) /* arg2: recorded whatever arg is */

/* What a safe rule allows: no namespace, no setuid or setgid mode. */
#define NO_NS                                                                  \
	"arg0 & (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | "              \
	"CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET"
#define NO_SUID(n) "arg" #n " & (S_ISUID | S_ISGID) == 0"
#define NO_SUID_CREATE(f, m)                                                   \
	"arg" #f " & (O_CREAT | 020000000) == 0 || " NO_SUID(m)

/*
 * Syscalls whose argument values are recorded, and which argument; with
 * ARG2, a second one (netlink sockets' protocol, as lint tells
 * NETLINK_ROUTE from the others; setpriority's 'which').  Calls with a
 * SAFE rule are written with it (as the built-ins have them), whatever
 * was seen; lint judges each value seen, and those it warns about are
 * left out.  Others are written with a condition on the values seen
 * where CONDITION says, or where the plain rule would warn.
 */
static const struct {
	const char *name;
	unsigned arg;
	const char *prefix; /* for naming the values; NULL: numbers */
	bool condition;	    /* write an 'in' condition when few */
	int arg2;	    /* -1, or recorded when arg == when */
	uint64_t when;
	const char *safe;
} watched[] = {
	{"socket", 0, "AF_", true, 2, 16 /* AF_NETLINK */, NULL},
	{"ioctl", 1, "TIOC", true, -1, 0, NULL},
	{"prctl", 0, "PR_", true, -1, 0, NULL},
	{"personality", 0, "PER_", true, -1, 0, NULL},
	{"clone", 0, "CLONE_", false, -1, 0, NO_NS ") == 0"},
	{"unshare", 0, "CLONE_", false, -1, 0, NO_NS " | CLONE_NEWTIME) == 0"},
	{"fcntl", 1, "F_", false, -1, 0, NULL},
	{"mmap", 2, "PROT_", false, -1, 0, NULL},
	{"mprotect", 2, "PROT_", false, -1, 0, NULL},
	/* Calls on other processes: lint wants them pinned to the caller. */
	{"prlimit64", 0, NULL, false, -1, 0, NULL},
	{"setpriority", 1, NULL, false, 0, ANY, NULL},
	{"ioprio_set", 1, NULL, false, 0, ANY, NULL},
	{"sched_setaffinity", 0, NULL, false, -1, 0, NULL},
	{"sched_setscheduler", 0, NULL, false, -1, 0, NULL},
	{"sched_setparam", 0, NULL, false, -1, 0, NULL},
	{"sched_setattr", 0, NULL, false, -1, 0, NULL},
	{"migrate_pages", 0, NULL, false, -1, 0, NULL},
	{"move_pages", 0, NULL, false, -1, 0, NULL},
	/* Modes: never a new setuid or setgid file. */
	{"open", 2, NULL, false, -1, 0, NO_SUID_CREATE(1, 2)},
	{"openat", 3, NULL, false, -1, 0, NO_SUID_CREATE(2, 3)},
	{"creat", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"mkdir", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"mkdirat", 2, NULL, false, -1, 0, NO_SUID(2)},
	{"mknod", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"mknodat", 2, NULL, false, -1, 0, NO_SUID(2)},
	{"chmod", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"fchmod", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"fchmodat", 2, NULL, false, -1, 0, NO_SUID(2)},
	{"fchmodat2", 2, NULL, false, -1, 0, NO_SUID(2)},
};

#define NWATCHED (sizeof(watched) / sizeof(watched[0]))

struct cage_learned {
	unsigned char seen[CAGE_LEARN_NR_LIMIT / 8];
	uint64_t values[NWATCHED][MAX_VALUES];
	unsigned nvalues[NWATCHED];
	bool overflow[NWATCHED];
	bool started;	    /* the target's execve was seen */
	uint64_t lost;	    /* calls tracing dropped (learn_trace.c) */
	char method[320];   /* how the calls were recorded */
	char policies[256]; /* enforced meanwhile, escaped; "" none */
};

struct cage_learned *
cage_learned_new(void)
{
	return calloc(1, sizeof(struct cage_learned));
}

void
cage_learned_free(struct cage_learned *l)
{
	free(l);
}

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

/* Whether value V of watched call W holds a second argument. */
static bool
has_arg2(size_t w, uint64_t v)
{
	return watched[w].arg2 >= 0 &&
	       (watched[w].when == ANY || (uint32_t)v == watched[w].when);
}

/*
 * Recording starts at the target's execve: what the launch did before
 * it (loading the policies' filters under the listener) is syscage's.
 */
void
cage_learned_add(struct cage_learned *l, int nr, const uint64_t args[6])
{
	const char *name = cage_syscall_name(nr);

	if (nr < 0 || nr >= CAGE_LEARN_NR_LIMIT)
		return;
	if (!l->started && (!name || strcmp(name, "execve")))
		return;
	l->started = true;
	l->seen[nr / 8] |= (unsigned char)(1u << (nr % 8));
	for (size_t w = 0; name && w < NWATCHED; w++) {
		uint64_t v = (uint32_t)args[watched[w].arg];

		if (strcmp(name, watched[w].name))
			continue;
		if (has_arg2(w, v))
			v |= (uint64_t)(uint32_t)args[watched[w].arg2] << 32;
		for (unsigned i = 0; i < l->nvalues[w]; i++)
			if (l->values[w][i] == v)
				return;
		if (l->nvalues[w] == MAX_VALUES)
			l->overflow[w] = true;
		else
			l->values[w][l->nvalues[w]++] = v;
	}
}

uint64_t
cage_learned_lost(const struct cage_learned *l)
{
	return l ? l->lost : 0;
}

void
cage_learned_note_lost(struct cage_learned *l, uint64_t lost)
{
	if (l)
		l->lost += lost;
}

void
cage_learned_note_method(struct cage_learned *l, const char *method)
{
	if (l)
		snprintf(l->method, sizeof(l->method), "%s", method);
}

const char *
cage_learned_method(const struct cage_learned *l)
{
	return l && l->method[0] ? l->method : NULL;
}

/*
 * S for a comment: printable ASCII as it is, every other byte (line
 * breaks, ESC, bytes of other encodings) and '\' as \xNN or \\.  A line
 * break can then never end the comment and start a rule.
 */
static void
put_escaped(FILE *out, const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\')
			fputs("\\\\", out);
		else if (c < 0x20 || c > 0x7e)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}

void
cage_learned_note_policies(struct cage_learned *l,
			   struct cage_policy *const *pols, size_t n)
{
	FILE *f;

	if (!l)
		return;
	f = fmemopen(l->policies, sizeof(l->policies), "w");
	if (!f)
		return;
	setbuf(f, NULL);
	/* The policy of --learn without -p allows all: nothing to say. */
	for (size_t i = 0, k = 0; i < n; i++) {
		if (pols[i]->dflt.kind == CAGE_ACTION_ALLOW &&
		    pols[i]->nrules == 0)
			continue;
		fputs(k++ ? ", " : "", f);
		put_escaped(f, pols[i]->name ? pols[i]->name : "?", 64);
	}
	(void)fclose(f);
	l->policies[sizeof(l->policies) - 1] = '\0';
}

/* Writes NULL-prefixed values as numbers. */
static void
write_value(FILE *out, const char *prefix, uint64_t v)
{
	const char *name = NULL;

	for (size_t i = 0; prefix && i < cage_consts_count && !name; i++) {
		const struct cage_const *c = &cage_consts[i];
		bool tc = !strcmp(prefix, "TIOC") &&
			  (!strncmp(c->name, "TC", 2) ||
			   !strncmp(c->name, "FIO", 3));

		if ((tc || !strncmp(c->name, prefix, strlen(prefix))) &&
		    c->value == v)
			name = c->name;
	}
	if (name)
		fputs(name, out);
	else
		fprintf(out, "%#llx", (unsigned long long)v);
}

/* argN == V, and for a netlink socket argM == PROTOCOL too. */
static void
write_test(FILE *out, size_t w, uint64_t v)
{
	fprintf(out, "arg%u == ", watched[w].arg);
	write_value(out, watched[w].prefix, (uint32_t)v);
	if (has_arg2(w, v)) {
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
			if (a->dropped[w][i] || !has_arg2(w, l->values[w][i]))
				continue;
			fprintf(out, "allow %s if ", watched[w].name);
			write_test(out, w, l->values[w][i]);
			fputc('\n', out);
		}
		for (unsigned i = 0; i < l->nvalues[w]; i++) {
			if (a->dropped[w][i] || has_arg2(w, l->values[w][i]))
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

/* A group's native members, nested groups expanded, into SET. */
static bool
group_members(const struct cage_ast *ast, const char *group, unsigned char *set,
	      unsigned depth)
{
	for (size_t i = 0; i < ast->n && depth < 8; i++) {
		const struct cage_stmt *st = &ast->stmts[i];

		if (st->kind != CAGE_STMT_DEFINE ||
		    strcmp(st->target.text, group))
			continue;
		for (size_t k = 0; k < st->nnames; k++) {
			const char *m = st->names[k].text;
			int nr = m[0] == '@' ? -1 : cage_syscall_number(m);

			if (m[0] == '@' &&
			    !group_members(ast, m, set, depth + 1))
				return false;
			if (nr >= 0 && watch_of(m) >= 0)
				return false; /* would lose its condition */
			if (nr >= 0 && nr < CAGE_LEARN_NR_LIMIT)
				set[nr / 8] |= (unsigned char)(1u << (nr % 8));
		}
		return true;
	}
	return false;
}

/* 'allow @group' for every group whose members were all used. */
static void
write_groups(const unsigned char *seen_set, unsigned char *done, FILE *out)
{
	struct cage_diags diags = {0};
	struct cage_policy *pol;
	const struct cage_ast *ast;

	if (cage_policy_load_buffer("<learn>", NULL, "", 0, &diags, &pol)) {
		cage_diags_free(&diags);
		return;
	}
	ast = &pol->asts[0];
	for (size_t i = 0; i < ast->n; i++) {
		unsigned char set[CAGE_LEARN_NR_LIMIT / 8] = {0};
		bool all = true, fresh = false;
		unsigned count = 0;

		if (ast->stmts[i].kind != CAGE_STMT_DEFINE ||
		    !group_members(ast, ast->stmts[i].target.text, set, 0))
			continue;
		for (size_t b = 0; b < sizeof(set); b++) {
			all = all && (set[b] & seen_set[b]) == set[b];
			fresh = fresh || (set[b] & ~done[b]);
			count += (unsigned)__builtin_popcount(set[b]);
		}
		if (!all || !fresh || count < 2)
			continue;
		fprintf(out, "allow %s\n", ast->stmts[i].target.text);
		for (size_t b = 0; b < sizeof(set); b++)
			done[b] |= set[b];
	}
	cage_policy_free(pol);
	cage_diags_free(&diags);
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
		put_escaped(out, a->e[k].why, 512);
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
	put_escaped(out, command ? command : "?", 4096);
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
		put_escaped(out, a.e[k].why, 512);
		fputc('\n', out);
	}
	n = (int)a.left_out;
	analysis_free(&a);
	return n;
}
