// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --explain and --list: what a policy does and what the groups hold, in
 * plain words, from the same resolved rules the compiler reads.
 */
#include "lang/ast.h"
#include "lang/builtins.h"
#include "base/consts.h"
#include "policy/decide.h"
#include "policy/limits.h"
#include "policy/policy.h"
#include "policy/print.h"
#include "base/syscalls.h"
#include "base/text_escape.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* The numbers decide.c answers ENOSYS (cage_syscall_is_new). */
static void
explain_new(FILE *out)
{
	int first, last = cage_syscall_gap(&first);
	int max = cage_syscall_max_known();

	fprintf(out, "syscalls newer than syscage's tables: errno ENOSYS, so "
		     "that libc falls back (");
	if (first <= last)
		fprintf(out, "numbers %d-%d, ", first, last);
	fprintf(out, "%d-%d)\n", max + 1, max + CAGE_NEW_SYSCALL_SPAN);
}

static void
print_rule(const struct cage_rule *r, FILE *out)
{
	const char *name = cage_syscall_name(r->nr);
	char act[32], file[1024];

	cage_action_str(&r->action, act, sizeof(act));
	fprintf(out, "  %-14s %-22s", act, name ? name : "?");
	if (r->ncmps) {
		fputs(" if ", out);
		cage_print_cond(out, r);
	}
	fprintf(out, "   (%s:%u%s%s)\n",
		cage_text_shown(r->loc.file->name, file, sizeof(file)),
		r->loc.line, r->group ? ", " : "", r->group ? r->group : "");
}

static void
explain_fs(const struct cage_isolation *iso, FILE *out)
{
	static const char *const words[] = {
		[CAGE_FS_READ] = "read",
		[CAGE_FS_READ | CAGE_FS_WRITE] = "read, write",
		[CAGE_FS_READ | CAGE_FS_EXEC] = "read, execute",
	};

	for (size_t i = 0; i < iso->nhide; i++) {
		char path[1024], file[1024];

		fprintf(out, "  %-14s %-30s (%s:%u)\n", "hidden (view)",
			cage_text_shown(iso->hide[i].path, path, sizeof(path)),
			cage_text_shown(iso->hide[i].loc.file->name, file,
					sizeof(file)),
			iso->hide[i].loc.line);
	}
	if (!iso->nfs) {
		fprintf(out, "filesystem: not restricted beyond the rules "
			     "above\n");
		return;
	}
	fprintf(out, "filesystem (Landlock): only these paths%s\n",
		iso->fs_best_effort ? "; best effort: what the kernel can "
				      "enforce"
				    : "");
	for (size_t i = 0; i < iso->nfs; i++) {
		char path[1024], file[1024];

		fprintf(out, "  %-14s %-30s (%s:%u)\n",
			words[iso->fs[i].access],
			cage_text_shown(iso->fs[i].path, path, sizeof(path)),
			cage_text_shown(iso->fs[i].loc.file->name, file,
					sizeof(file)),
			iso->fs[i].loc.line);
	}
}

static void
explain_ports(const char *what, const uint16_t *ports, size_t n, FILE *out)
{
	if (!n)
		return;
	fprintf(out, "  TCP %s only to ports", what);
	for (size_t i = 0; i < n; i++)
		fprintf(out, " %u", ports[i]);
	fputs(" (Landlock)\n", out);
}

/* 'private': the namespaces asked for (SPEC 4.5). */
static void
explain_private(const struct cage_isolation *iso, FILE *out)
{
	static const char *const what[] = {
		"tmp (fresh /tmp, /var/tmp, /dev/shm)",
		"home (an empty $HOME but for fs rules under it)",
		"pid (own PID namespace and /proc)",
		"ipc (own System V IPC and POSIX message queues)",
		"dev (a minimal /dev with a private devpts)",
	};
	char file[1024];

	if (!iso->private_ns && !iso->private_best_effort)
		return;
	fprintf(out, "private view (%s:%u)%s\n",
		cage_text_shown(iso->private_loc.file->name, file,
				sizeof(file)),
		iso->private_loc.line,
		iso->private_best_effort ? "; best effort: what the kernel "
					   "refuses is left out"
					 : "");
	if (iso->nfs && (iso->private_ns & ~(unsigned)CAGE_PRIVATE_IPC))
		fputs("  mount namespace: the fs rules are the view; what no "
		      "rule names is absent\n",
		      out);
	for (size_t i = 0; i < sizeof(what) / sizeof(*what); i++)
		if (iso->private_ns & (1u << i))
			fprintf(out, "  private %s\n", what[i]);
	if (iso->private_ns & CAGE_PRIVATE_GITCONFIG)
		fputs("  private gitconfig (the home's .gitconfig: your "
		      "identity and safe directories,\n    without "
		      "credentials, URL rewrites, includes or helpers)\n",
		      out);
}

/* The sections beyond seccomp, for --explain. */
static int
explain_isolation(const struct cage_isolation *iso, FILE *out)
{
	static const char *const net[] = {
		[CAGE_NET_NONE] = "none: no sockets; socketpair(AF_UNIX) only",
		[CAGE_NET_UNIX] = "unix: AF_UNIX sockets only",
		[CAGE_NET_INET] = "inet: AF_UNIX, AF_INET, AF_INET6 and "
				  "netlink route sockets",
		[CAGE_NET_LOOPBACK] = "loopback: as inet, in a network "
				      "namespace of its own with only lo up",
	};

	char a[1024], b[1024];

	explain_fs(iso, out);
	if (iso->net)
		fprintf(out, "network: %s (%s:%u)\n", net[iso->net],
			cage_text_shown(iso->net_loc.file->name, a, sizeof(a)),
			iso->net_loc.line);
	explain_ports("connect", iso->connect, iso->nconnect, out);
	explain_ports("bind", iso->bind, iso->nbind, out);
	explain_private(iso, out);
	if (iso->env_clear || iso->nenv_set) {
		fprintf(out, "environment: %s",
			iso->env_clear ? "cleared but for" : "passed, with");
		for (size_t i = 0; iso->env_clear && i < iso->nenv_keep; i++)
			fprintf(out, " %s",
				cage_text_shown(iso->env_keep[i], a,
						sizeof(a)));
		for (size_t i = 0; i < iso->nenv_set; i++)
			fprintf(out, " %s=%s",
				cage_text_shown(iso->env_set[i].name, a,
						sizeof(a)),
				cage_text_shown(iso->env_set[i].value, b,
						sizeof(b)));
		fputc('\n', out);
	}
	for (int r = 0; r < CAGE_NLIMITS; r++) {
		const struct cage_limit *l = &iso->limits[r];

		if (!l->set)
			continue;
		fprintf(out, "limit %s: ", cage_rlimit_name(r));
		if (l->soft == RLIM_INFINITY)
			fputs("unlimited", out);
		else
			fprintf(out, "%" PRIu64, l->soft);
		if (l->hard != l->soft && l->hard == RLIM_INFINITY)
			fputs(" (hard: unlimited)", out);
		else if (l->hard != l->soft)
			fprintf(out, " (hard: %" PRIu64 ")", l->hard);
		fprintf(out, " (%s:%u)\n",
			cage_text_shown(l->loc.file->name, a, sizeof(a)),
			l->loc.line);
	}
	return ferror(out) ? -EIO : 0;
}

int
cage_policy_explain(const struct cage_policy *pol, FILE *out)
{
	char act[32], name[1024];
	size_t uncond = 0, cond = 0;

	/* Paths are the caller's and the policy's: escaped if need be. */
	fprintf(out, "policy %s\n",
		cage_text_shown(pol->name, name, sizeof(name)));
	for (size_t i = 2; i < pol->nsources; i++)
		fprintf(out, "  includes %s%s\n",
			cage_text_shown(pol->sources[i]->name, name,
					sizeof(name)),
			pol->sources[i]->dir ? "" : " (built-in)");
	cage_action_str(&pol->dflt, act, sizeof(act));
	if (pol->dflt_loc.file)
		fprintf(out, "default: %s (%s:%u)\n", act,
			cage_text_shown(pol->dflt_loc.file->name, name,
					sizeof(name)),
			pol->dflt_loc.line);
	else
		fprintf(out, "default: %s (no 'default' statement)\n", act);
	for (size_t i = 0; i < pol->nrules; i++)
		pol->rules[i].ncmps ? cond++ : uncond++;
	fprintf(out, "%zu syscalls with a rule, %zu conditional rules:\n",
		uncond, cond);
	for (size_t i = 0; i < pol->nrules; i++)
		print_rule(&pol->rules[i], out);
	fprintf(out, "every other syscall: %s\n", act);
	if (pol->dflt.kind != CAGE_ACTION_ALLOW &&
	    pol->dflt.kind != CAGE_ACTION_LOG)
		explain_new(out);
	fprintf(out, "other architectures (i386 int $0x80, x32): kill\n");
	explain_isolation(&pol->iso, out);
	return ferror(out) ? -EIO : 0;
}

uint64_t
cage_policy_caps_keep(const struct cage_policy *pol)
{
	return pol->caps_keep;
}

const char *const *
cage_builtin_names(void)
{
	static const char *names[64];
	size_t n = 0;

	/* groups and fs-system are pieces to include, not policies. */
	for (size_t i = 0; i < cage_builtins_count && n < 63; i++)
		if (strcmp(cage_builtins[i].name, "groups") &&
		    strcmp(cage_builtins[i].name, "fs-system"))
			names[n++] = cage_builtins[i].name;
	names[n] = NULL;
	return names;
}

/* --list @group prints the members as written, nested groups included. */
int
cage_groups_list(const char *group, FILE *out)
{
	struct cage_diags diags = {0};
	struct cage_policy *pol;
	bool found = false;
	int err;

	err = cage_policy_load_buffer("<list>", NULL, "", 0, &diags, &pol);
	cage_diags_free(&diags);
	if (err)
		return err;
	for (size_t i = 0; i < pol->asts[0].n; i++) {
		const struct cage_stmt *st = &pol->asts[0].stmts[i];

		if (st->kind != CAGE_STMT_DEFINE)
			continue;
		if (!group) {
			fprintf(out, "%s\n", st->target.text);
			continue;
		}
		if (strcmp(group, st->target.text))
			continue;
		found = true;
		for (size_t k = 0; k < st->nnames; k++)
			fprintf(out, "%s\n", st->names[k].text);
	}
	cage_policy_free(pol);
	if (group && !found)
		return -ENOENT;
	return ferror(out) ? -EIO : 0;
}
