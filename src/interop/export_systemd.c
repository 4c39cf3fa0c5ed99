// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --export systemd: SystemCallFilter= and friends for a unit file.  systemd
 * filters names, not arguments, and gives one errno to all of an allow
 * list, so the output ends with everything it could not say.
 */
#include "base/consts.h"
#include "policy/action.h"
#include "policy/decide.h"
#include "policy/print.h"
#include "lang/lint_values.h"
#include "interop/export_systemd.h"
#include "base/syscalls.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define NR_MAX 1024

/* What the unit says about one syscall. */
enum { UNNAMED, LISTED, LOGGED_TOO, LEFT_OUT };

struct unit {
	const struct cage_policy *pol;
	bool allow_list;   /* the default denies: list what is allowed */
	int order[NR_MAX]; /* known numbers, sorted by name */
	size_t n;
	unsigned char say[NR_MAX];
	struct cage_action fb[NR_MAX]; /* each named syscall's fallback */
	bool cond[NR_MAX];	       /* it has conditional rules */
};

static bool
permits(const struct cage_action *a)
{
	return a->kind == CAGE_ACTION_ALLOW || a->kind == CAGE_ACTION_LOG;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(cage_syscall_name(*(const int *)a),
		      cage_syscall_name(*(const int *)b));
}

static void
sort_names(struct unit *u)
{
	for (int nr = 0; nr < NR_MAX; nr++)
		if (cage_syscall_name(nr))
			u->order[u->n++] = nr;
	qsort(u->order, u->n, sizeof(u->order[0]), by_name);
}

/*
 * Allow list: a syscall is listed when any of its rules or its fallback
 * lets it through.  Deny list: when its fallback denies.
 */
static void
classify(struct unit *u)
{
	const struct cage_policy *pol = u->pol;

	for (int nr = 0; nr < NR_MAX; nr++)
		u->fb[nr] = pol->dflt;
	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->nr < 0 || r->nr >= NR_MAX)
			continue;
		if (r->ncmps)
			u->cond[r->nr] = true;
		else
			u->fb[r->nr] = r->action;
		if (!u->allow_list || !permits(&r->action))
			continue;
		/* A way out that the policy opens only under conditions
		 * (default's ptrace) stays shut: by name it would be open. */
		if (r->ncmps && cage_lint_danger(cage_syscall_name(r->nr)))
			continue;
		if (r->action.kind == CAGE_ACTION_LOG)
			u->say[r->nr] = LOGGED_TOO;
		else if (u->say[r->nr] != LOGGED_TOO)
			u->say[r->nr] = LISTED;
	}
	for (int nr = 0; nr < NR_MAX; nr++) {
		bool fb_permits = permits(&u->fb[nr]);

		if (!u->allow_list && !fb_permits)
			u->say[nr] = LISTED;
		else if (u->allow_list && !u->say[nr])
			u->say[nr] = LEFT_OUT;
	}
}

static bool
denies(const struct cage_policy *pol, const char *name, uint64_t a0,
       uint64_t a1)
{
	uint64_t args[6] = {a0, a1};
	struct cage_verdict v;

	cage_policy_decide(pol, cage_syscall_number(name), args, &v);
	return !permits(&v.action);
}

/* No clone, unshare or setns that makes a namespace gets through. */
static bool
shuts_namespaces(const struct cage_policy *pol)
{
	static const uint64_t ns[] = {
		CLONE_NEWNS,   CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC,
		CLONE_NEWUSER, CLONE_NEWPID,	CLONE_NEWNET,
	};
	const uint64_t thread = CLONE_VM | CLONE_FS | CLONE_FILES |
				CLONE_SIGHAND | CLONE_THREAD;

	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		if (!denies(pol, "clone", ns[i] | SIGCHLD, 0) ||
		    !denies(pol, "clone", ns[i] | thread, 0) ||
		    !denies(pol, "unshare", ns[i], 0) ||
		    !denies(pol, "setns", 0, ns[i]))
			return false;
	return true;
}

static const char *
family_name(uint64_t f)
{
	static const char *const alias[] = {"AF_FILE", "AF_LOCAL", "AF_ROUTE",
					    "AF_MAX"};

	for (size_t i = 0; i < cage_consts_count; i++) {
		const struct cage_const *c = &cage_consts[i];
		bool skip = false;

		if (strncmp(c->name, "AF_", 3) || c->value != f)
			continue;
		for (size_t k = 0; k < sizeof(alias) / sizeof(alias[0]); k++)
			skip |= !strcmp(c->name, alias[k]);
		if (!skip)
			return c->name;
	}
	return NULL;
}

/* RestrictAddressFamilies= when socket is allowed for some families only. */
static void
print_families(FILE *out, const struct unit *u)
{
	int nr = cage_syscall_number("socket");
	uint64_t fams = 0;

	if (!u->allow_list || u->say[nr] == LEFT_OUT || !u->cond[nr])
		return;
	for (uint64_t f = 1; f < 64; f++)
		for (uint64_t type = 1; type <= 5; type++)
			if (!denies(u->pol, "socket", f, type))
				fams |= 1ULL << f;
	fputs("RestrictAddressFamilies=", out);
	if (!fams)
		fputs("none", out);
	for (uint64_t f = 1, sep = 0; f < 64; f++)
		if ((fams & (1ULL << f)) && family_name(f))
			fprintf(out, "%s%s", sep++ ? " " : "", family_name(f));
	fputc('\n', out);
}

/* KEY followed by the names whose verdict passes KEEP, wrapped. */
static void
print_names(FILE *out, const struct unit *u, const char *key,
	    bool (*keep)(const struct unit *, int), bool with_errno)
{
	size_t col = 0;

	for (size_t i = 0; i < u->n; i++) {
		int nr = u->order[i];
		const char *name = cage_syscall_name(nr);
		char suffix[32] = "";

		if (!keep(u, nr))
			continue;
		if (with_errno && u->fb[nr].kind == CAGE_ACTION_ERRNO &&
		    cage_errno_name(u->fb[nr].errnum))
			snprintf(suffix, sizeof(suffix), ":%s",
				 cage_errno_name(u->fb[nr].errnum));
		else if (with_errno && u->fb[nr].kind == CAGE_ACTION_ERRNO)
			snprintf(suffix, sizeof(suffix), ":%d",
				 u->fb[nr].errnum);
		else if (with_errno)
			snprintf(suffix, sizeof(suffix), ":kill");
		if (col && col + strlen(name) + strlen(suffix) > 78) {
			fputc('\n', out);
			col = 0;
		}
		col += (size_t)fprintf(out, "%s%s%s", col ? " " : key, name,
				       suffix);
	}
	if (col)
		fputc('\n', out);
}

static bool
listed(const struct unit *u, int nr)
{
	return u->say[nr] == LISTED || u->say[nr] == LOGGED_TOO;
}

static bool
logged(const struct unit *u, int nr)
{
	return u->say[nr] == LOGGED_TOO ||
	       (!u->allow_list && u->fb[nr].kind == CAGE_ACTION_LOG);
}

/* The conditional rules systemd drops, with what the unit does instead. */
static void
print_dropped(FILE *out, const struct unit *u)
{
	const struct cage_policy *pol = u->pol;
	bool any = false;

	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (!r->ncmps || r->nr >= NR_MAX)
			continue;
		if (!any)
			fputs("#\n# Argument conditions, which systemd cannot "
			      "check (the unit decides by name):\n",
			      out);
		any = true;
		fputs("#   ", out);
		cage_print_rule(out, r);
		fprintf(out, "  -> here: %s\n",
			listed(u, r->nr) == u->allow_list ? "allowed always"
							  : "denied always");
	}
}

/*
 * Denials whose own action the unit cannot give: in an allow list every
 * one gets the common errno, in a deny list trap becomes kill.
 */
static void
print_merged_denials(FILE *out, const struct unit *u, const char *dflt)
{
	bool any = false;

	for (size_t i = 0; i < u->n; i++) {
		int nr = u->order[i];
		char act[32];

		if (u->allow_list ? u->say[nr] != LEFT_OUT ||
					    cage_action_equal(&u->fb[nr],
							      &u->pol->dflt)
				  : u->fb[nr].kind != CAGE_ACTION_TRAP)
			continue;
		if (!any)
			fprintf(out,
				"#\n# Denials with their own action, which "
				"get %s here:\n",
				u->allow_list ? dflt : "kill");
		any = true;
		fprintf(out, "#   %s %s\n",
			cage_action_str(&u->fb[nr], act, sizeof(act)),
			cage_syscall_name(nr));
	}
}

/* Syscalls in systemd's @default the policy denies: systemd allows them. */
static void
print_always_allowed(FILE *out, const struct unit *u)
{
	static const char text[] = "allow @default";
	struct cage_diags diags = {0};
	struct cage_policy *def = NULL;
	bool any = false;

	if (!u->allow_list ||
	    cage_policy_load_buffer("<systemd>", NULL, text, sizeof(text) - 1,
				    &diags, &def)) {
		cage_diags_free(&diags);
		return;
	}
	for (size_t i = 0; i < def->nrules; i++) {
		int nr = def->rules[i].nr;

		if (nr < 0 || nr >= NR_MAX || u->say[nr] != LEFT_OUT)
			continue;
		if (!any)
			fputs("#\n# Allowed by systemd in every allow list "
			      "(@default), denied by the policy:\n#  ",
			      out);
		any = true;
		fprintf(out, " %s", cage_syscall_name(nr));
	}
	if (any)
		fputc('\n', out);
	cage_policy_free(def);
	cage_diags_free(&diags);
}

/*
 * clone3: the policy answers ENOSYS so that glibc falls back to clone,
 * whose flags it checks.  An allow list can only give clone3 the common
 * errno, and EPERM stops glibc making threads; RestrictNamespaces= answers
 * ENOSYS to clone3 itself, so clone3 is listed when that line is there.
 */
static bool
list_clone3(struct unit *u)
{
	int nr = cage_syscall_number("clone3");

	if (!u->allow_list || u->say[nr] != LEFT_OUT ||
	    u->fb[nr].kind != CAGE_ACTION_ERRNO || u->fb[nr].errnum != ENOSYS)
		return false;
	u->say[nr] = LISTED;
	return true;
}

static void
print_default(FILE *out, const struct cage_action *d, char *name, size_t size)
{
	const char *e = NULL;

	if (d->kind == CAGE_ACTION_ERRNO)
		e = cage_errno_name(d->errnum);
	if (d->kind == CAGE_ACTION_ERRNO && e)
		snprintf(name, size, "%s", e);
	else if (d->kind == CAGE_ACTION_ERRNO)
		snprintf(name, size, "%d", d->errnum);
	else
		snprintf(name, size, "kill");
	fprintf(out, "SystemCallErrorNumber=%s\n", name);
}

/* 'fs none': InaccessiblePaths= ("-": a missing path is no error), with
 * $HOME as %h; a path of another variable has no systemd spelling. */
static void
export_hides(const struct cage_isolation *iso, FILE *out)
{
	for (size_t i = 0; i < iso->nhide; i++) {
		const char *p = iso->hide[i].path;
		char path[1024];

		if (!strncmp(p, "$HOME/", 6) || !strncmp(p, "${HOME}/", 8))
			fprintf(out, "InaccessiblePaths=-%%h/%s\n",
				cage_text_shown(strchr(p, '/') + 1, path,
						sizeof(path)));
		else if (p[0] == '/')
			fprintf(out, "InaccessiblePaths=-%s\n",
				cage_text_shown(p, path, sizeof(path)));
		else
			fprintf(out,
				"# InaccessiblePaths= for %s: no "
				"systemd specifier for it\n",
				cage_text_shown(p, path, sizeof(path)));
	}
}

/* The private view (SPEC 4.5) as systemd's sandboxing settings. */
static void
print_view(FILE *out, const struct cage_isolation *iso)
{
	static const char *const lines[] = {
		"PrivateTmp=yes", "ProtectHome=tmpfs", "PrivatePIDs=yes",
		"PrivateIPC=yes", "PrivateDevices=yes"};

	for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++)
		if (iso->private_ns & (1u << i))
			fprintf(out, "%s\n", lines[i]);
	if (iso->private_ns & CAGE_PRIVATE_PID)
		fputs("# PrivatePIDs= needs systemd 257; before it, "
		      "ProtectProc=invisible hides other\n# users' "
		      "processes only.\n",
		      out);
	if (iso->net == CAGE_NET_LOOPBACK)
		fputs("PrivateNetwork=yes\n", out);
	export_hides(iso, out);
	if (iso->nfs && (iso->private_ns & ~(unsigned)CAGE_PRIVATE_IPC)) {
		fputs("# The fs rules are the view: TemporaryFileSystem=/:ro, "
		      "then BindReadOnlyPaths=\n# for each ro or rx path and "
		      "BindPaths= for each rw path (with $HOME as %h):\n",
		      out);
		for (size_t i = 0; i < iso->nfs; i++) {
			char path[1024];

			fprintf(out, "#   %s%s\n",
				iso->fs[i].access & CAGE_FS_WRITE
					? "BindPaths="
					: "BindReadOnlyPaths=",
				cage_text_shown(iso->fs[i].path, path,
						sizeof(path)));
		}
	}
}

int
cage_export_systemd(const struct cage_policy *pol, FILE *out)
{
	struct unit *u = calloc(1, sizeof(*u));
	bool ns, clone3;
	char dflt[32] = "";

	if (!u)
		return -ENOMEM;
	u->pol = pol;
	u->allow_list = !permits(&pol->dflt);
	sort_names(u);
	classify(u);
	ns = u->allow_list && shuts_namespaces(pol);
	clone3 = ns && list_clone3(u);
	fprintf(out,
		"# syscage policy '%s' as systemd unit settings (syscage %s "
		"--export systemd).\n"
		"# Put them in a unit's [Service] section, or give each to "
		"systemd-run -p.\n"
		"# systemd filters by name only: what it cannot say is listed "
		"at the end.\n[Service]\nNoNewPrivileges=yes\n"
		"SystemCallArchitectures=native\n",
		pol->name, CAGE_VERSION);
	if (u->allow_list) {
		print_default(out, &pol->dflt, dflt, sizeof(dflt));
		print_names(out, u, "SystemCallFilter=", listed, false);
	} else {
		print_names(out, u, "SystemCallFilter=~", listed, true);
	}
	print_names(out, u, "SystemCallLog=", logged, false);
	if (ns)
		fputs("RestrictNamespaces=yes\n", out);
	print_families(out, u);
	print_view(out, &pol->iso);
	if (pol->dflt.kind == CAGE_ACTION_TRAP ||
	    pol->dflt.kind == CAGE_ACTION_LOG)
		fprintf(out,
			"#\n# The default, %s, is not a systemd action: "
			"%s here.\n",
			cage_action_name(pol->dflt.kind),
			u->allow_list ? "kill" : "allow");
	print_dropped(out, u);
	print_merged_denials(out, u, dflt);
	if (clone3)
		fputs("#\n# clone3 is listed: RestrictNamespaces=yes answers "
		      "it ENOSYS, as the policy\n# does, and EPERM would stop "
		      "glibc creating threads.\n",
		      out);
	print_always_allowed(out, u);
	free(u);
	return ferror(out) ? -EIO : 0;
}
