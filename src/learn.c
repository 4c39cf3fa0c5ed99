// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --learn: the set of syscalls a process tree made, and the values of the
 * arguments that matter for a few of them, written back as a policy that
 * allows exactly that.  Whole groups are named where every member was
 * used; conditions are written where few values were seen.
 */
#include "consts.h"
#include "learn.h"
#include "policy.h"
#include "syscalls.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_VALUES 16

/* Syscalls whose argument values are recorded, and which argument. */
static const struct {
	const char *name;
	unsigned arg;
	const char *prefix; /* for naming the values */
	bool condition;	    /* write an 'in' condition when few */
} watched[] = {
	{"socket", 0, "AF_", true},	 {"ioctl", 1, "TIOC", true},
	{"prctl", 0, "PR_", true},	 {"clone", 0, "CLONE_", false},
	{"unshare", 0, "CLONE_", false}, {"fcntl", 1, "F_", false},
	{"mmap", 2, "PROT_", false},	 {"mprotect", 2, "PROT_", false},
};

#define NWATCHED (sizeof(watched) / sizeof(watched[0]))

struct cage_learned {
	unsigned char seen[CAGE_LEARN_NR_LIMIT / 8];
	uint64_t values[NWATCHED][MAX_VALUES];
	unsigned nvalues[NWATCHED];
	bool overflow[NWATCHED];
	bool ns_flags; /* clone or unshare asked for a namespace */
	uint64_t lost; /* calls tracing dropped (learn_trace.c) */
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
seen(const struct cage_learned *l, int nr)
{
	return nr >= 0 && nr < CAGE_LEARN_NR_LIMIT &&
	       (l->seen[nr / 8] & (1u << (nr % 8)));
}

void
cage_learned_add(struct cage_learned *l, int nr, const uint64_t args[6])
{
	const char *name = cage_syscall_name(nr);

	if (nr < 0 || nr >= CAGE_LEARN_NR_LIMIT)
		return;
	l->seen[nr / 8] |= (unsigned char)(1u << (nr % 8));
	for (size_t w = 0; name && w < NWATCHED; w++) {
		uint64_t v = (uint32_t)args[watched[w].arg];

		if (strcmp(name, watched[w].name))
			continue;
		if (!strcmp(watched[w].prefix, "CLONE_"))
			l->ns_flags |= (v & 0x7e020080u) != 0;
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

static void
write_value(FILE *out, const char *prefix, uint64_t v)
{
	const char *name = NULL;

	for (size_t i = 0; i < cage_consts_count && !name; i++) {
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

/* One watched syscall: a condition, or a plain allow with a comment. */
static void
write_watched(const struct cage_learned *l, size_t w, FILE *out)
{
	int nr = cage_syscall_number(watched[w].name);

	if (nr < 0 || !seen(l, nr))
		return;
	if (watched[w].condition && !l->overflow[w] && l->nvalues[w]) {
		fprintf(out, "allow %s if arg%u in (", watched[w].name,
			watched[w].arg);
		for (unsigned i = 0; i < l->nvalues[w]; i++) {
			fputs(i ? ", " : "", out);
			write_value(out, watched[w].prefix, l->values[w][i]);
		}
		fputs(")\n", out);
		return;
	}
	if (!strcmp(watched[w].prefix, "CLONE_") && !l->ns_flags) {
		fprintf(out,
			"allow %s if arg0 & (CLONE_NEWNS | CLONE_NEWCGROUP "
			"| CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | "
			"CLONE_NEWPID | CLONE_NEWNET) == 0\n",
			watched[w].name);
		return;
	}
	fprintf(out, "allow %s\t# arg%u seen:", watched[w].name,
		watched[w].arg);
	for (unsigned i = 0; i < l->nvalues[w]; i++) {
		fputc(' ', out);
		write_value(out, watched[w].prefix, l->values[w][i]);
	}
	fputs(l->overflow[w] ? " ...\n" : "\n", out);
}

static bool
is_watched(const char *name)
{
	for (size_t w = 0; w < NWATCHED; w++)
		if (!strcmp(watched[w].name, name))
			return true;
	return false;
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
			if (nr >= 0 && is_watched(m))
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

int
cage_learned_write(const struct cage_learned *l, const char *command, FILE *out)
{
	unsigned char done[CAGE_LEARN_NR_LIMIT / 8] = {0};
	time_t now = time(NULL);
	char date[32];
	int col = 0;

	strftime(date, sizeof(date), "%Y-%m-%d", gmtime(&now));
	fprintf(out, "# Learned by syscage --learn on %s from:\n#   %s\n", date,
		command ? command : "?");
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
	write_groups(l->seen, done, out);
	for (size_t w = 0; w < NWATCHED; w++)
		write_watched(l, w, out);
	for (int nr = 0; nr < CAGE_LEARN_NR_LIMIT; nr++) {
		const char *name = cage_syscall_name(nr);

		if (!seen(l, nr) || !name ||
		    (done[nr / 8] & (1u << (nr % 8))) || is_watched(name) ||
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
	return ferror(out) ? -EIO : 0;
}
