// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading a policy: find its text (path, installed name or built-in),
 * parse it, follow includes (cycles are errors), define groups and hand
 * each rule to resolve.c.  The groups file is loaded first, as a
 * built-in every policy sees.
 */
#include "lang/ast.h"
#include "lang/builtins.h"
#include "lang/isolation.h"
#include "lang/parse.h"
#include "policy/policy.h"
#include "lang/load.h"
#include "base/suggest.h"
#include "base/syscalls.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Policies are small; anything larger is a mistake or an attack.  The
 * limits keep every later stage to a bounded cost, libseccomp above all:
 * its time grows steeply with range comparisons on one syscall, and 2.5.x
 * corrupts its heap when a filter passes 65535 instructions.
 */
#define MAX_POLICY_SIZE	  (1u << 20)
#define MAX_INCLUDE_DEPTH 16
#define MAX_FILES	  256 /* files and built-ins read for one policy */
#define MAX_GROUPS	  1024
#define MAX_RULES	  65536 /* one per syscall and alternative of a condition */
#define MAX_COMPARISONS	  4096 /* BPF_MAXINSNS: each takes one or more */
#define MAX_RANGES	  32   /* <, <=, >, >= on one syscall */
#define READ_ATTEMPTS	  3

/* The loader, and what it spends: rules the statements so far may add. */
struct load_state {
	struct cage_loader ld;
	size_t cost;
};

/* A source and the identity of its file, for cycles and diamonds. */
struct file_source {
	struct cage_source src; /* first: pol->sources holds &src */
	dev_t dev;
	ino_t ino;
};

/* NAME's text, found: a file opened but not read yet, or a built-in. */
struct found {
	char *path;
	int fd;
	struct stat st;
	const struct cage_builtin *builtin;
};

static bool
is_path(const char *name)
{
	size_t n = strlen(name);

	return strchr(name, '/') || (n > 7 && !strcmp(name + n - 7, ".policy"));
}

static int
add_source(struct cage_loader *ld, struct cage_source *src)
{
	struct cage_policy *pol = ld->pol;
	struct cage_source **v;
	struct cage_ast *a;

	/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers, as meant */
	v = realloc(pol->sources, (pol->nsources + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	pol->sources = v;
	a = realloc(pol->asts, (pol->nsources + 1) * sizeof(*a));
	if (!a)
		return -ENOMEM;
	pol->asts = a;
	memset(&a[pol->nsources], 0, sizeof(*a));
	v[pol->nsources++] = src;
	return 0;
}

/* Takes TEXT; F (a file's identity) may be NULL for a built-in. */
static struct cage_source *
new_source(const char *name, const char *dir, char *text, size_t size,
	   const struct stat *f)
{
	struct file_source *fs = calloc(1, sizeof(*fs));

	if (!fs)
		return NULL;
	fs->src.name = strdup(name);
	fs->src.dir = dir ? strdup(dir) : NULL;
	fs->src.text = text;
	fs->src.size = size;
	fs->dev = f ? f->st_dev : 0;
	fs->ino = f ? f->st_ino : 0;
	if (!fs->src.name || (dir && !fs->src.dir)) {
		free(fs->src.name);
		free(fs->src.dir);
		free(fs);
		return NULL;
	}
	return (struct cage_source *)fs; /* its first member */
}

void
cage_source_free(struct cage_source *src)
{
	if (!src)
		return;
	free(src->name);
	free(src->dir);
	free(src->text);
	free(src); /* the file_source it starts */
}

/* What writing to a file changes. */
static bool
same_state(const struct stat *a, const struct stat *b)
{
	return a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Up to MAX_POLICY_SIZE + 1 bytes of FD, from its start. */
static int
read_all(int fd, char **buf, size_t *got)
{
	ssize_t n;
	int err;

	*got = 0;
	*buf = malloc(MAX_POLICY_SIZE + 1);
	if (!*buf)
		return -ENOMEM;
	while (*got <= MAX_POLICY_SIZE) {
		n = pread(fd, *buf + *got, MAX_POLICY_SIZE + 1 - *got,
			  (off_t)*got);
		if (n == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			free(*buf);
			*buf = NULL;
			return err;
		}
		*got += (size_t)n;
	}
	return 0;
}

/*
 * F's text: a regular file, not too large, text.  It is read into memory
 * once, and read again if it changed meanwhile (rewritten in place), so
 * that the policy is one version of the file, never a mix.
 */
static int
read_policy_file(struct found *f, char **text, size_t *size, const char **why)
{
	struct stat after;
	size_t got = 0;
	char *buf = NULL, *fit;
	int err = 0;

	for (unsigned i = 0; i < READ_ATTEMPTS && !buf; i++) {
		if (f->st.st_size > MAX_POLICY_SIZE)
			break;
		err = read_all(f->fd, &buf, &got);
		if (!err && fstat(f->fd, &after) < 0)
			err = -errno;
		if (err) {
			free(buf);
			return err;
		}
		if (!same_state(&f->st, &after)) {
			free(buf);
			buf = NULL;
			f->st = after;
		}
	}
	if (!buf && f->st.st_size <= MAX_POLICY_SIZE) {
		*why = "changed while it was being read";
		return -EAGAIN;
	}
	if (!buf || got > MAX_POLICY_SIZE) {
		*why = "is larger than 1 MiB, too large for a policy";
		free(buf);
		return -EFBIG;
	}
	if (memchr(buf, '\0', got)) {
		*why = "is a binary file, not policy text";
		free(buf);
		return -EINVAL;
	}
	fit = realloc(buf, got + 1);
	buf = fit ? fit : buf;
	buf[got] = '\0';
	*text = buf;
	*size = got;
	return 0;
}

/*
 * Open F->path: a regular file only, checked before the open so that no
 * device is opened, and again on the descriptor, opened with O_NONBLOCK so
 * that a FIFO swapped in meanwhile cannot block.
 */
static int
open_policy_file(struct found *f, const char **why)
{
	struct stat st;

	f->fd = -1;
	if (stat(f->path, &st) < 0)
		return -errno;
	if (S_ISREG(st.st_mode)) {
		f->fd = open(f->path,
			     O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (f->fd < 0 || fstat(f->fd, &st) < 0)
			return -errno;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? "is a directory"
					   : "is not a regular file";
		return -EINVAL;
	}
	f->st = st;
	return 0;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* Installed policies shadow built-ins: XDG config, then /etc. */
static char *
find_installed(const char *name)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char path[PATH_MAX];
	int n = -1;

	/* A name too long for a path is no installed policy's. */
	if (xdg && xdg[0] == '/')
		n = snprintf(path, sizeof(path),
			     "%s/syscage/policies/%s.policy", xdg, name);
	else if (home && home[0] == '/')
		n = snprintf(path, sizeof(path),
			     "%s/.config/syscage/policies/%s.policy", home,
			     name);
	if (n > 0 && (size_t)n < sizeof(path) && access(path, F_OK) == 0)
		return strdup(path);
	n = snprintf(path, sizeof(path), "/etc/syscage/policies/%s.policy",
		     name);
	if (n > 0 && (size_t)n < sizeof(path) && access(path, F_OK) == 0)
		return strdup(path);
	return NULL;
}

static void
unknown_policy(struct cage_loader *ld, const struct cage_loc *loc,
	       const char *name)
{
	struct cage_suggest s;
	const char *hint;

	cage_suggest_init(&s, name);
	for (size_t i = 0; i < cage_builtins_count; i++)
		cage_suggest_offer(&s, cage_builtins[i].name);
	hint = cage_suggest_result(&s);
	if (hint)
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "unknown policy '%s' (did you mean '%s'?)", name,
			      hint);
	else
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "unknown policy '%s' (see syscage --list)", name);
}

static void
cannot_read(struct cage_loader *ld, const struct cage_loc *loc,
	    const char *path, const char *why, int err)
{
	if (why)
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc, "%s %s",
			      path, why);
	else
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "cannot read %s: %s", path, strerror(-err));
}

static void
found_clear(struct found *f)
{
	if (f->fd >= 0)
		close(f->fd);
	free(f->path);
	f->fd = -1;
	f->path = NULL;
}

/*
 * Find NAME's text.  FROM is the including file (NULL for the top):
 * paths are relative to it, and built-ins include only built-ins so that
 * a file in a user's config cannot change what 'default' means.  A file
 * is opened, not read yet: one that was read already is not read again.
 */
static int
find_source(struct cage_loader *ld, const char *name,
	    const struct cage_source *from, const struct cage_loc *loc,
	    struct found *f)
{
	const char *why = NULL;
	int err;

	*f = (struct found){.fd = -1};
	if (is_path(name)) {
		if (from && !from->dir) {
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
				      "a built-in policy can only include "
				      "built-ins, not '%s'",
				      name);
			return -EINVAL;
		}
		if (from && name[0] != '/' &&
		    asprintf(&f->path, "%s/%s", from->dir, name) < 0) {
			f->path = NULL;
			return -ENOMEM;
		}
		if (!f->path && !(f->path = strdup(name)))
			return -ENOMEM;
	} else if (!from || from->dir) {
		f->path = find_installed(name);
	}
	if (!f->path) {
		f->builtin = cage_builtin_find(name);
		if (!f->builtin) {
			unknown_policy(ld, loc, name);
			return -ENOENT;
		}
		return 0;
	}
	err = open_policy_file(f, &why);
	if (err)
		cannot_read(ld, loc, f->path, why, err);
	return err;
}

/* Read what find_source found into a source named NAME if a built-in. */
static int
read_source(struct cage_loader *ld, const char *name, struct found *f,
	    const struct cage_loc *loc, struct cage_source **out)
{
	const char *why = NULL;
	char *text = NULL, *dir;
	size_t size = 0;
	int err;

	*out = NULL;
	if (f->builtin) {
		size = f->builtin->size;
		text = strndup(f->builtin->text, size);
		*out = text ? new_source(name, NULL, text, size, NULL) : NULL;
		if (!*out)
			free(text);
		return *out ? 0 : -ENOMEM;
	}
	err = read_policy_file(f, &text, &size, &why);
	if (err) {
		cannot_read(ld, loc, f->path, why, err);
		return err;
	}
	dir = dir_of(f->path);
	*out = dir ? new_source(f->path, dir, text, size, &f->st) : NULL;
	free(dir);
	if (!*out) {
		free(text);
		return -ENOMEM;
	}
	return 0;
}

/* The source read already that F is: files by device and inode,
 * built-ins by name. */
static struct cage_source *
known_source(const struct cage_loader *ld, const struct found *f,
	     const char *name)
{
	for (size_t i = 0; i < ld->pol->nsources; i++) {
		struct cage_source *s = ld->pol->sources[i];
		const struct file_source *fs = (const struct file_source *)s;

		if (f->builtin ? !s->dir && !strcmp(s->name, name)
			       : s->dir && fs->ino && fs->ino == f->st.st_ino &&
					 fs->dev == f->st.st_dev)
			return s;
	}
	return NULL;
}

static bool
on_stack(const struct cage_loader *ld, const struct cage_source *src)
{
	for (size_t i = 0; i < ld->depth; i++)
		if (ld->stack[i] == src)
			return true;
	return false;
}

static int load_source(struct load_state *ls, struct cage_source *src);

static int
do_include(struct load_state *ls, const struct cage_stmt *st,
	   const struct cage_source *from)
{
	struct cage_loader *ld = &ls->ld;
	const struct cage_loc *loc = &st->target.loc;
	const char *name = st->target.text;
	struct cage_source *src = NULL, *known;
	struct found f;
	int err;

	if (ld->depth >= MAX_INCLUDE_DEPTH) {
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "includes nested more than %d deep",
			      MAX_INCLUDE_DEPTH);
		return 0;
	}
	err = find_source(ld, name, from, loc, &f);
	/* Included twice without a cycle (a diamond): read once. */
	known = err ? NULL : known_source(ld, &f, name);
	if (known && on_stack(ld, known))
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "include cycle: %s includes %s, which is "
			      "already being read",
			      from->name, f.path ? f.path : name);
	if (!err && !known && ld->pol->nsources >= MAX_FILES) {
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "more than %d policy files", MAX_FILES);
		err = -E2BIG;
	}
	if (!err && !known)
		err = read_source(ld, name, &f, loc, &src);
	found_clear(&f);
	if (!src)
		return err == -ENOMEM || err == -E2BIG ? err : 0;
	src->depth = from->depth + 1;
	return load_source(ls, src);
}

/*
 * An upper bound on the rules a name adds, as resolve.c walks it
 * (a group is followed 8 deep), counting no further than LIMIT.  Each
 * group walked counts too: groups of groups multiply the work.
 */
static size_t
name_cost(const struct cage_loader *ld, const struct cage_name *n,
	  unsigned depth, size_t limit)
{
	const struct cage_group *g;
	size_t cost = 1;

	if (n->text[0] != '@' || depth > 8 ||
	    !(g = cage_group_find(ld, n->text)))
		return 1;
	for (size_t i = 0; i < g->def->nnames && cost <= limit; i++)
		cost += name_cost(ld, &g->def->names[i], depth + 1,
				  limit - cost);
	return cost;
}

/* A rule is added for each alternative of the condition, 'in' expanded. */
static size_t
alternatives(const struct cage_cond *c)
{
	size_t total = c->n ? 0 : 1;

	for (size_t i = 0; i < c->n && total <= MAX_RULES; i++) {
		size_t n = 1;

		for (size_t k = 0; k < c->alts[i].n && n <= MAX_RULES; k++)
			n *= c->alts[i].terms[k].nvalues;
		total += n < MAX_RULES ? n : MAX_RULES;
	}
	return total ? total : 1;
}

/* Before a rule is resolved: would it take the policy past MAX_RULES? */
static int
charge_rule(struct load_state *ls, const struct cage_stmt *st)
{
	size_t alts = alternatives(&st->cond), left = MAX_RULES - ls->cost;
	size_t cost = 0;

	for (size_t i = 0; i < st->nnames && cost <= left / alts; i++)
		cost += name_cost(&ls->ld, &st->names[i], 0,
				  left / alts - cost);
	if (alts > left || cost > left / alts) {
		cage_diag_add(ls->ld.diags, CAGE_SEVERITY_ERROR, &st->loc,
			      "too many rules: the policy has more than %d "
			      "by here (one for each syscall and each "
			      "alternative of its condition)",
			      MAX_RULES);
		return -E2BIG;
	}
	ls->cost += cost * alts;
	return 0;
}

static int
do_statement(struct load_state *ls, const struct cage_stmt *st,
	     const struct cage_source *src)
{
	struct cage_loader *ld = &ls->ld;
	int err;

	switch (st->kind) {
	case CAGE_STMT_DEFAULT:
		return cage_resolve_default(ld, st, src);
	case CAGE_STMT_INCLUDE:
		return do_include(ls, st, src);
	case CAGE_STMT_DEFINE:
		if (ld->ngroups < MAX_GROUPS)
			return cage_resolve_define(ld, st);
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &st->target.loc,
			      "more than %d groups", MAX_GROUPS);
		return -E2BIG;
	case CAGE_STMT_RULE:
		err = charge_rule(ls, st);
		return err ? err : cage_resolve_rule(ld, st, src);
	case CAGE_STMT_CAPS_KEEP:
		return cage_resolve_caps(ld, st);
	case CAGE_STMT_FS:
	case CAGE_STMT_NET:
	case CAGE_STMT_ENV:
	case CAGE_STMT_LIMIT:
		return cage_resolve_isolation(ld, st, src);
	}
	return 0;
}

/* Takes ownership of SRC. */
static int
load_source(struct load_state *ls, struct cage_source *src)
{
	struct cage_loader *ld = &ls->ld;
	size_t idx = ld->pol->nsources;
	struct cage_ast *ast;
	int err;

	err = add_source(ld, src);
	if (err) {
		cage_source_free(src);
		return err;
	}
	ast = &ld->pol->asts[idx];
	/* Statements that parsed are still resolved, so that one run
	 * reports every error in the file. */
	err = cage_policy_parse(src, ast, ld->diags);
	if (err && err != -EINVAL)
		return err;
	err = 0;
	ld->stack[ld->depth++] = src;
	/* Includes grow pol->asts: index it afresh, the stmts stay put. */
	for (size_t i = 0; i < ld->pol->asts[idx].n && !err; i++)
		err = do_statement(ls, &ld->pol->asts[idx].stmts[i], src);
	ld->depth--;
	return err == -EINVAL ? 0 : err;
}

static bool
is_range(enum cage_op op)
{
	return op == CAGE_OP_LT || op == CAGE_OP_LE || op == CAGE_OP_GT ||
	       op == CAGE_OP_GE;
}

/*
 * Bound what the compiler will ask of libseccomp before it is asked:
 * argument comparisons in all, and range comparisons on one syscall.
 */
static int
check_comparisons(struct cage_loader *ld)
{
	const struct cage_policy *pol = ld->pol;
	size_t total = 0, nr_max = 0;
	unsigned *ranges;
	int err = 0;

	for (size_t i = 0; i < pol->nrules; i++)
		if (pol->rules[i].nr > 0 && (size_t)pol->rules[i].nr > nr_max)
			nr_max = (size_t)pol->rules[i].nr;
	ranges = calloc(nr_max + 1, sizeof(*ranges));
	if (!ranges)
		return -ENOMEM;
	for (size_t i = 0; i < pol->nrules && !err; i++) {
		const struct cage_rule *r = &pol->rules[i];
		const char *name;

		if (r->nr < 0)
			continue; /* never added: no such number */
		total += r->ncmps;
		for (unsigned k = 0; k < r->ncmps; k++)
			ranges[r->nr] += is_range(r->cmps[k].op);
		if (total > MAX_COMPARISONS) {
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &r->loc,
				      "more than %d argument comparisons by "
				      "here: a seccomp filter holds at most "
				      "4096 instructions",
				      MAX_COMPARISONS);
		} else if (ranges[r->nr] > MAX_RANGES) {
			name = cage_syscall_name(r->nr);
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &r->loc,
				      "more than %d range comparisons (<, <=, "
				      ">, >=) on '%s': libseccomp takes too "
				      "long over them; compare with == or in",
				      MAX_RANGES, name ? name : "?");
		} else {
			continue;
		}
		err = -E2BIG;
	}
	free(ranges);
	return err;
}

/* The policy named by the user, or by the command line. */
static int
open_top(struct cage_loader *ld, const char *name, struct cage_source **out)
{
	struct found f;
	int err;

	*out = NULL;
	err = find_source(ld, name, NULL, NULL, &f);
	if (!err)
		err = read_source(ld, name, &f, NULL, out);
	found_clear(&f);
	return err;
}

static int
load(const char *name, struct cage_source *top, struct cage_diags *diags,
     struct cage_policy **out)
{
	struct load_state ls = {.ld = {.diags = diags}};
	struct cage_loader *ld = &ls.ld;
	const struct cage_builtin *b;
	struct cage_source *groups = NULL;
	size_t errors = diags->errors;
	char *text;
	int err = 0;

	*out = NULL;
	ld->pol = calloc(1, sizeof(*ld->pol));
	if (!ld->pol || !(ld->pol->name = strdup(name))) {
		free(ld->pol);
		cage_source_free(top);
		return -ENOMEM;
	}
	/* Always the built-in groups: a file in a user's config directory
	 * must not change what @system-service means. */
	b = cage_builtin_find("groups");
	text = b ? strndup(b->text, b->size) : NULL;
	groups = text ? new_source("groups", NULL, text, b->size, NULL) : NULL;
	if (!groups) {
		free(text);
		err = -ENOMEM;
	}
	if (!err)
		err = load_source(&ls, groups);
	if (!err && !top)
		err = open_top(ld, name, &top);
	if (!err)
		err = load_source(&ls, top);
	else
		cage_source_free(top);
	if (!err)
		err = cage_resolve_isolation_finish(ld);
	if (!err)
		err = check_comparisons(ld);
	if (!err)
		err = cage_resolve_finish(ld);
	cage_loader_clear(ld);
	/* A limit passed: reported with its place, as any policy error. */
	if ((!err || err == -E2BIG) && diags->errors > errors)
		err = -EINVAL;
	if (err) {
		cage_policy_free(ld->pol);
		return err;
	}
	*out = ld->pol;
	return 0;
}

int
cage_policy_load(const char *name, struct cage_diags *diags,
		 struct cage_policy **out)
{
	return load(name, NULL, diags, out);
}

/* A built-in by its own text, whatever is installed under its name. */
int
cage_policy_load_builtin(const char *name, struct cage_diags *diags,
			 struct cage_policy **out)
{
	const struct cage_builtin *b = cage_builtin_find(name);
	struct cage_source *src;
	char *text;

	*out = NULL;
	if (!b)
		return -ENOENT;
	text = strndup(b->text, b->size);
	src = text ? new_source(name, NULL, text, b->size, NULL) : NULL;
	if (!src) {
		free(text);
		return -ENOMEM;
	}
	return load(name, src, diags, out);
}

int
cage_policy_load_buffer(const char *name, const char *dir, const char *text,
			size_t len, struct cage_diags *diags,
			struct cage_policy **out)
{
	struct cage_source *src;
	char *copy;

	*out = NULL;
	if (memchr(text, '\0', len)) {
		struct cage_source tmp = {.name = (char *)name};
		struct cage_loc loc = {&tmp, 0, 0, 0};

		cage_diag_add(diags, CAGE_SEVERITY_ERROR, &loc,
			      "binary data, not policy text");
		return -EINVAL;
	}
	copy = strndup(text, len);
	src = copy ? new_source(name, dir ? dir : ".", copy, len, NULL) : NULL;
	if (!src) {
		free(copy);
		return -ENOMEM;
	}
	return load(name, src, diags, out);
}

void
cage_policy_free(struct cage_policy *pol)
{
	if (!pol)
		return;
	for (size_t i = 0; i < pol->nsources; i++) {
		cage_ast_free(&pol->asts[i]);
		cage_source_free(pol->sources[i]);
	}
	cage_isolation_clear(&pol->iso);
	free(pol->asts);
	free(pol->sources);
	free(pol->rules);
	free(pol->name);
	free(pol);
}

const struct cage_builtin *
cage_builtin_find(const char *name)
{
	for (size_t i = 0; i < cage_builtins_count; i++)
		if (!strcmp(cage_builtins[i].name, name))
			return &cage_builtins[i];
	return NULL;
}
