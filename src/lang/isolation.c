// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The sections beyond seccomp, resolved: fs, net, private, env and limit.
 * An including file's net mode, env values and limits override those of
 * the files it includes; fs rules, ports, kept variables and private
 * settings add up ('private best-effort' from any file, as 'fs
 * best-effort').  'net' becomes seccomp rules on socket and socketpair,
 * made by the resolver.
 */
#include "lang/ast.h"
#include "lang/isolation.h"
#include "policy/fs_path.h"
#include "policy/limits.h"
#include "lang/loader.h"
#include "lang/resolve.h"
#include "base/suggest.h"

#include <errno.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static const char *const net_words[] = {
	[CAGE_NET_NONE] = "none",
	[CAGE_NET_UNIX] = "unix",
	[CAGE_NET_INET] = "inet",
	[CAGE_NET_LOOPBACK] = "loopback",
};

/*
 * GCC 12's -fanalyzer loses a pointer stored through a pointer to a member
 * at a non-zero offset (iso = &ld->pol->iso) and calls each allocation kept
 * in *iso leaked, down to "x->p = calloc(...); if (!x->p)".  They are freed
 * by cage_isolation_clear(); clang's unix.Malloc, ASan and valgrind check.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif

static void *
grow(void *v, size_t n, size_t size)
{
	return realloc(v, (n + 1) * size);
}

static void
error(struct cage_loader *ld, const struct cage_loc *loc, const char *msg,
      const char *arg)
{
	cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc, "%s '%s'", msg, arg);
}

static int
resolve_fs(struct cage_loader *ld, const struct cage_stmt *st)
{
	struct cage_isolation *iso = &ld->pol->iso;
	const char *sub = st->target.text;
	unsigned access = CAGE_FS_READ;
	bool hide = !strcmp(sub, "none");

	if (!strcmp(sub, "best-effort")) {
		iso->fs_best_effort = true;
		return 0;
	}
	if (!strcmp(sub, "rw"))
		access |= CAGE_FS_WRITE;
	else if (!strcmp(sub, "rx"))
		access |= CAGE_FS_EXEC;
	for (size_t i = 0; i < st->nnames; i++) {
		const struct cage_name *n = &st->names[i];
		struct cage_fs_rule *v;

		if (cage_fs_path_check(n->text)) {
			error(ld, &n->loc,
			      "an fs path is absolute or starts with $HOME, "
			      "$CWD, $CHECKOUT, $TMPDIR or $EXE, not",
			      n->text);
			continue;
		}
		if (hide) {
			v = grow(iso->hide, iso->nhide, sizeof(*v));
			if (!v)
				return -ENOMEM;
			iso->hide = v;
			v[iso->nhide++] =
				(struct cage_fs_rule){n->text, 0, n->loc};
			continue;
		}
		v = grow(iso->fs, iso->nfs, sizeof(*v));
		if (!v)
			return -ENOMEM;
		iso->fs = v;
		v[iso->nfs++] = (struct cage_fs_rule){n->text, access, n->loc};
	}
	return 0;
}

static int
add_ports(struct cage_loader *ld, const struct cage_stmt *st, uint16_t **ports,
	  size_t *n)
{
	for (size_t i = 0; i < st->nnames; i++) {
		const char *t = st->names[i].text;
		char *end;
		unsigned long port = strtoul(t, &end, 10);
		uint16_t *v;

		if (*t < '0' || *t > '9' || *end || port > 65535) {
			error(ld, &st->names[i].loc,
			      "a port is a number from 0 to 65535, not", t);
			continue;
		}
		v = grow(*ports, *n, sizeof(*v));
		if (!v)
			return -ENOMEM;
		*ports = v;
		v[(*n)++] = (uint16_t)port;
	}
	ld->pol->iso.ports_loc = st->loc;
	return 0;
}

static bool
net_mode(const char *word, enum cage_net *mode)
{
	for (int m = CAGE_NET_NONE; m <= CAGE_NET_LOOPBACK; m++) {
		if (!strcmp(net_words[m], word)) {
			*mode = (enum cage_net)m;
			return true;
		}
	}
	return false;
}

static int
resolve_net(struct cage_loader *ld, const struct cage_stmt *st,
	    const struct cage_source *src)
{
	struct cage_isolation *iso = &ld->pol->iso;
	const char *sub = st->target.text;
	enum cage_net mode;

	if (!strcmp(sub, "connect"))
		return add_ports(ld, st, &iso->connect, &iso->nconnect);
	if (!strcmp(sub, "bind"))
		return add_ports(ld, st, &iso->bind, &iso->nbind);
	if (!net_mode(sub, &mode))
		return -EINVAL; /* the parser admits no other word */
	if (iso->net && iso->net_depth == src->depth && iso->net != mode) {
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &st->loc,
			      "conflicting network: 'net %s' here, 'net %s' at "
			      "%s:%u",
			      sub, net_words[iso->net], iso->net_loc.file->name,
			      iso->net_loc.line);
	} else if (!iso->net || src->depth < iso->net_depth) {
		iso->net = mode;
		iso->net_depth = src->depth;
		iso->net_loc = st->loc;
	}
	return 0;
}

/* private WORD...: they add up, whichever file says them. */
static int
resolve_private(struct cage_loader *ld, const struct cage_stmt *st)
{
	static const char *const words[] = {"tmp", "home", "pid",      "ipc",
					    "dev", "all",  "gitconfig"};
	static const unsigned bits[] = {
		CAGE_PRIVATE_TMP,      CAGE_PRIVATE_HOME, CAGE_PRIVATE_PID,
		CAGE_PRIVATE_IPC,      CAGE_PRIVATE_DEV,  CAGE_PRIVATE_ALL,
		CAGE_PRIVATE_GITCONFIG};
	struct cage_isolation *iso = &ld->pol->iso;

	if (!iso->private_ns && !iso->private_best_effort)
		iso->private_loc = st->loc;
	for (size_t i = 0; i <= st->nnames; i++) {
		const char *w = i ? st->names[i - 1].text : st->target.text;

		if (!strcmp(w, "best-effort"))
			iso->private_best_effort = true;
		for (size_t k = 0; k < sizeof(words) / sizeof(*words); k++)
			if (!strcmp(w, words[k]))
				iso->private_ns |= bits[k];
	}
	return 0;
}

static bool
var_name_ok(const char *s)
{
	if (!(*s == '_' || (*s >= 'A' && *s <= 'Z') ||
	      (*s >= 'a' && *s <= 'z')))
		return false;
	return s[strspn(s,
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			"0123456789_")] == '\0';
}

static int
env_set(struct cage_loader *ld, const struct cage_stmt *st, unsigned depth)
{
	struct cage_isolation *iso = &ld->pol->iso;
	const struct cage_name *name = &st->names[0], *val = &st->names[1];
	struct cage_env_set *v;

	for (size_t i = 0; i < iso->nenv_set; i++) {
		struct cage_env_set *s = &iso->env_set[i];

		if (strcmp(s->name, name->text))
			continue;
		if (s->depth == depth && strcmp(s->value, val->text))
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR,
				      &name->loc,
				      "conflicting values for '%s': here and "
				      "at %s:%u",
				      s->name, s->loc.file->name, s->loc.line);
		else if (depth < s->depth)
			*s = (struct cage_env_set){name->text, val->text, depth,
						   name->loc};
		return 0;
	}
	v = grow(iso->env_set, iso->nenv_set, sizeof(*v));
	if (!v)
		return -ENOMEM;
	iso->env_set = v;
	v[iso->nenv_set++] =
		(struct cage_env_set){name->text, val->text, depth, name->loc};
	return 0;
}

static int
resolve_env(struct cage_loader *ld, const struct cage_stmt *st,
	    const struct cage_source *src)
{
	struct cage_isolation *iso = &ld->pol->iso;
	const char *sub = st->target.text;

	if (!strcmp(sub, "clear")) {
		iso->env_clear = true;
		return 0;
	}
	for (size_t i = 0; i < st->nnames; i++) {
		const char **v;

		if (!var_name_ok(st->names[i].text)) {
			error(ld, &st->names[i].loc, "bad variable name",
			      st->names[i].text);
			continue;
		}
		if (!strcmp(sub, "set"))
			return env_set(ld, st, src->depth);
		v = grow(iso->env_keep, iso->nenv_keep, sizeof(*v));
		if (!v)
			return -ENOMEM;
		iso->env_keep = v;
		v[iso->nenv_keep++] = st->names[i].text;
		iso->env_keep_loc = st->loc;
	}
	return 0;
}

static void
suggest_limit(const char *name, void *ctx)
{
	cage_suggest_offer(ctx, name);
}

static int
resolve_limit(struct cage_loader *ld, const struct cage_stmt *st,
	      const struct cage_source *src)
{
	const struct cage_name *val = &st->names[0];
	int res = cage_rlimit_resource(st->target.text);
	struct cage_limit *l, nl = {.set = true, .depth = src->depth};
	const char *why;

	if (res < 0) {
		struct cage_suggest s;
		const char *hint;

		cage_suggest_init(&s, st->target.text);
		cage_rlimit_foreach(suggest_limit, &s);
		hint = cage_suggest_result(&s);
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &st->target.loc,
			      "unknown limit '%s' (%s%s%s)", st->target.text,
			      hint ? "did you mean '" : "see setrlimit(2)",
			      hint ? hint : "", hint ? "'?" : "");
		return 0;
	}
	if (st->nnames > 1) {
		error(ld, &st->names[1].loc, "one value per limit; unexpected",
		      st->names[1].text);
		return 0;
	}
	if (cage_rlimit_parse_value(res, val->text, &nl.soft, &nl.hard, &why)) {
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &val->loc,
			      "bad value '%s' for limit %s: %s", val->text,
			      st->target.text, why);
		return 0;
	}
	nl.loc = val->loc;
	l = &ld->pol->iso.limits[res];
	if (l->set && l->depth == src->depth &&
	    (l->soft != nl.soft || l->hard != nl.hard))
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &val->loc,
			      "conflicting values for limit %s: here and at "
			      "%s:%u",
			      st->target.text, l->loc.file->name, l->loc.line);
	else if (!l->set || src->depth < l->depth)
		*l = nl;
	return 0;
}

int
cage_isolation_resolve(struct cage_loader *ld, const struct cage_stmt *st,
		       const struct cage_source *src)
{
	switch (st->kind) {
	case CAGE_STMT_FS:
		return resolve_fs(ld, st);
	case CAGE_STMT_NET:
		return resolve_net(ld, st, src);
	case CAGE_STMT_ENV:
		return resolve_env(ld, st, src);
	case CAGE_STMT_LIMIT:
		return resolve_limit(ld, st, src);
	case CAGE_STMT_PRIVATE:
		return resolve_private(ld, st);
	default:
		return 0;
	}
}

/* Room for the rules of every net mode; rules point into it, so it never
 * moves once made. */
#define NSYNTH 4

static struct cage_stmt *
synth_stmt(struct cage_isolation *iso, struct cage_action act,
	   const char *const *names, size_t n, const struct cage_loc *loc)
{
	struct cage_stmt *st = &iso->synth[iso->nsynth++];

	st->kind = CAGE_STMT_RULE;
	st->loc = *loc;
	st->action = act;
	st->names = calloc(n, sizeof(*st->names));
	if (!st->names)
		return NULL;
	for (; st->nnames < n; st->nnames++) {
		st->names[st->nnames].loc = *loc;
		st->names[st->nnames].text = strdup(names[st->nnames]);
		if (!st->names[st->nnames].text)
			return NULL;
	}
	return st;
}

/* 'argN in (VALUES)' joined by && to the rule's only alternative. */
static int
synth_term(struct cage_stmt *st, unsigned arg, const uint64_t *values, size_t n)
{
	struct cage_term *terms, *t;
	struct cage_conj *c;

	if (!st)
		return -ENOMEM;
	if (!st->cond.n) {
		st->cond.alts = calloc(1, sizeof(*st->cond.alts));
		if (!st->cond.alts)
			return -ENOMEM;
		st->cond.n = 1;
	}
	c = &st->cond.alts[0];
	terms = grow(c->terms, c->n, sizeof(*terms));
	if (!terms)
		return -ENOMEM;
	c->terms = terms;
	t = &terms[c->n];
	*t = (struct cage_term){.arg = arg, .op = CAGE_OP_IN, .loc = st->loc};
	t->values = malloc(n * sizeof(*values));
	if (!t->values)
		return -ENOMEM;
	memcpy(t->values, values, n * sizeof(*values));
	t->nvalues = n;
	c->n++;
	return 0;
}

/*
 * What 'net' means, as rules of the file that says it: sockets of other
 * families fail with EAFNOSUPPORT (programs take that as "no such
 * network" and fall back); socketpair is AF_UNIX only.
 */
static int
synthesize_net(struct cage_loader *ld)
{
	static const char *const both[] = {"socket", "socketpair"};
	static const char *const sock[] = {"socket"}, *const pair[] = {
							      "socketpair"};
	static const uint64_t local[] = {AF_UNIX};
	static const uint64_t inet[] = {AF_UNIX, AF_INET, AF_INET6};
	static const uint64_t nl[] = {AF_NETLINK}, route[] = {NETLINK_ROUTE};
	struct cage_isolation *iso = &ld->pol->iso;
	const struct cage_action allow = {CAGE_ACTION_ALLOW, 0};
	const struct cage_loc *loc = &iso->net_loc;
	int err = 0;

	iso->synth = calloc(NSYNTH, sizeof(*iso->synth));
	if (!iso->synth)
		return -ENOMEM;
	if (!synth_stmt(iso,
			(struct cage_action){CAGE_ACTION_ERRNO, EAFNOSUPPORT},
			both, 2, loc))
		return -ENOMEM;
	err = synth_term(synth_stmt(iso, allow, pair, 1, loc), 0, local, 1);
	if (!err && iso->net == CAGE_NET_UNIX)
		err = synth_term(synth_stmt(iso, allow, sock, 1, loc), 0, local,
				 1);
	if (!err &&
	    (iso->net == CAGE_NET_INET || iso->net == CAGE_NET_LOOPBACK)) {
		/* netlink route: getaddrinfo's AI_ADDRCONFIG, getifaddrs */
		struct cage_stmt *st = synth_stmt(iso, allow, sock, 1, loc);

		err = synth_term(synth_stmt(iso, allow, sock, 1, loc), 0, inet,
				 3);
		if (!err)
			err = synth_term(st, 0, nl, 1);
		if (!err)
			err = synth_term(st, 2, route, 1);
	}
	for (size_t i = 0; i < iso->nsynth && !err; i++)
		err = cage_resolve_rule(ld, &iso->synth[i], loc->file);
	return err;
}

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic pop
#endif

int
cage_isolation_finish(struct cage_loader *ld)
{
	struct cage_isolation *iso = &ld->pol->iso;

	if (iso->nenv_keep && !iso->env_clear)
		cage_diag_add(ld->diags, CAGE_SEVERITY_WARNING,
			      &iso->env_keep_loc,
			      "'env keep' does nothing without 'env clear': "
			      "every variable is passed");
	if ((iso->nconnect || iso->nbind) &&
	    (iso->net == CAGE_NET_NONE || iso->net == CAGE_NET_UNIX))
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &iso->ports_loc,
			      "TCP ports need 'net inet', but the policy says "
			      "'net %s' at %s:%u",
			      net_words[iso->net], iso->net_loc.file->name,
			      iso->net_loc.line);
	if (!iso->net)
		return 0;
	return synthesize_net(ld);
}

static void
free_synth(struct cage_stmt *st)
{
	for (size_t i = 0; i < st->nnames; i++)
		free(st->names[i].text);
	free(st->names);
	for (size_t a = 0; a < st->cond.n; a++) {
		for (size_t t = 0; t < st->cond.alts[a].n; t++)
			free(st->cond.alts[a].terms[t].values);
		free(st->cond.alts[a].terms);
	}
	free(st->cond.alts);
}

void
cage_isolation_clear(struct cage_isolation *iso)
{
	for (size_t i = 0; iso->synth && i < iso->nsynth; i++)
		free_synth(&iso->synth[i]);
	free(iso->synth);
	free(iso->fs);
	free(iso->hide);
	free(iso->connect);
	free(iso->bind);
	free(iso->env_keep);
	free(iso->env_set);
	memset(iso, 0, sizeof(*iso));
}
