// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Landlock: each policy with fs rules, TCP ports or a closed network
 * becomes one layer, stacked like its seccomp filter, using the highest
 * ABI the kernel offers.  What the kernel cannot enforce is an error
 * unless the policy says 'fs best-effort'.
 */
#include "policy/fs_path.h"
#include "launch/landlock.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/landlock.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

/*
 * Debian 12's <linux/landlock.h> stops at ABI 2; these are the kernel's
 * own values for what came later (ABI 3 to 6, uapi since 6.2 to 6.12).
 */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14) /* ABI 3 */
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#endif
#ifndef LANDLOCK_ACCESS_NET_BIND_TCP
#define LANDLOCK_ACCESS_NET_BIND_TCP	(1ULL << 0) /* ABI 4 */
#define LANDLOCK_ACCESS_NET_CONNECT_TCP (1ULL << 1)
#endif
#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0) /* ABI 6 */
#define LANDLOCK_SCOPE_SIGNAL		    (1ULL << 1)
#endif
/* enum landlock_rule_type: LANDLOCK_RULE_NET_PORT (ABI 4) is 2. */
#define CAGE_LANDLOCK_RULE_NET_PORT 2

/* struct landlock_ruleset_attr as of ABI 6; older kernels take it whole
 * as long as the members they do not know are zero. */
struct ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

/* struct landlock_net_port_attr (ABI 4). */
struct net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

#define FS_ABI1                                                                \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |          \
	 LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR |          \
	 LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |      \
	 LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |          \
	 LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |          \
	 LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |        \
	 LANDLOCK_ACCESS_FS_MAKE_SYM)

/* Rights that apply to a file; the rest only make sense on directories. */
#define FS_FILE                                                                \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |          \
	 LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE |          \
	 LANDLOCK_ACCESS_FS_IOCTL_DEV)

#define FS_READ (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_WRITE                                                               \
	((FS_ABI1 & ~(FS_READ | LANDLOCK_ACCESS_FS_EXECUTE)) |                 \
	 LANDLOCK_ACCESS_FS_REFER | LANDLOCK_ACCESS_FS_TRUNCATE |              \
	 LANDLOCK_ACCESS_FS_IOCTL_DEV)

int
cage_landlock_kernel_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);

	/* ENOSYS: not built in; EOPNOTSUPP: not enabled at boot. */
	return abi < 0 ? 0 : (int)abi;
}

static uint64_t
fs_rights(int abi)
{
	uint64_t fs = FS_ABI1;

	if (abi >= 2)
		fs |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		fs |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return fs;
}

static bool
net_closed(const struct cage_isolation *iso)
{
	return iso->net == CAGE_NET_NONE || iso->net == CAGE_NET_UNIX;
}

/* No layer at all: nothing in ISO that Landlock would enforce. */
static bool
wants_layer(const struct cage_isolation *iso)
{
	return iso->nfs || iso->nconnect || iso->nbind || net_closed(iso);
}

/*
 * Before ABI 3 truncate(2) ignores Landlock, so a file outside the rules
 * could be emptied: the fs rules cannot be kept.  TCP ports need ABI 4.
 * TCP for a closed network (seccomp already refuses the sockets), device
 * ioctls and scoping are taken where the kernel has them.
 */
int
cage_landlock_plan(const struct cage_isolation *iso, int abi,
		   struct cage_landlock_plan *plan, const char **why)
{
	bool ports = iso->nconnect || iso->nbind;
	bool best = iso->fs_best_effort;

	memset(plan, 0, sizeof(*plan));
	*why = NULL;
	if (!wants_layer(iso))
		return 0;
	if (abi < 1 && (iso->nfs || ports))
		*why = "this kernel has no Landlock";
	else if (abi < 3 && iso->nfs)
		*why = "this kernel's Landlock (ABI < 3) cannot restrict "
		       "truncate(2), so fs rules would not hold";
	else if (abi < 4 && ports)
		*why = "this kernel's Landlock (ABI < 4) cannot restrict TCP "
		       "ports";
	if (*why && !best)
		return -EOPNOTSUPP;
	*why = NULL;
	if (abi < 1)
		return 0;
	if (iso->nfs)
		plan->fs = fs_rights(abi);
	if (abi >= 4 && net_closed(iso))
		plan->net = LANDLOCK_ACCESS_NET_BIND_TCP |
			    LANDLOCK_ACCESS_NET_CONNECT_TCP;
	else if (abi >= 4)
		plan->net =
			(iso->nconnect ? LANDLOCK_ACCESS_NET_CONNECT_TCP : 0) |
			(iso->nbind ? LANDLOCK_ACCESS_NET_BIND_TCP : 0);
	if (abi >= 6)
		plan->scoped = LANDLOCK_SCOPE_SIGNAL |
			       LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET;
	plan->enforce = plan->fs || plan->net || plan->scoped;
	return 0;
}

uint64_t
cage_landlock_access(unsigned access, bool dir, uint64_t handled)
{
	uint64_t a = 0;

	if (access & CAGE_FS_READ)
		a |= FS_READ;
	if (access & CAGE_FS_WRITE)
		a |= FS_WRITE;
	if (access & CAGE_FS_EXEC)
		a |= LANDLOCK_ACCESS_FS_EXECUTE;
	if (!dir)
		a &= FS_FILE;
	return a & handled;
}

/* One open file: a rule for it, or nothing if it is not a file to grant. */
/* ST: FD's stat, or NULL to take it. */
static int
add_fd(int ruleset, int fd, const struct stat *fd_st, unsigned access,
       uint64_t handled, const char **step)
{
	struct landlock_path_beneath_attr pb = {0};
	struct stat st;

	pb.parent_fd = fd;
	if (fd_st)
		st = *fd_st;
	else if (fstat(fd, &st) < 0) {
		*step = "fstat (landlock fs path)";
		return -errno;
	}
	pb.allowed_access =
		cage_landlock_access(access, S_ISDIR(st.st_mode), handled);
	if (pb.allowed_access &&
	    syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH,
		    &pb, 0) < 0) {
		*step = "landlock_add_rule (path)";
		return -errno;
	}
	return 0;
}

/*
 * $TTY: the terminal the target was started on, and no other of the
 * user's.  A pty the target opens itself through /dev/ptmx has a
 * /dev/pts/M that Landlock cannot tell from the user's other terminals:
 * it stays closed (a private devpts instance will open it).
 */
static int
add_ttys(int ruleset, const struct cage_fs_rule *r, uint64_t handled,
	 const char **step)
{
	char paths[3][CAGE_TTY_PATH_MAX];
	size_t n = cage_tty_paths(paths);
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		int fd = open(paths[i], O_PATH | O_CLOEXEC);

		if (fd < 0)
			continue; /* gone meanwhile: nothing to allow */
		err = add_fd(ruleset, fd, NULL, r->access, handled, step);
		close(fd);
	}
	return err;
}

/*
 * One rule.  A path that does not exist, that this user cannot reach, or
 * whose variable has no value, is skipped: there is nothing there to
 * allow, and skipping only denies.
 */
static int
add_path(int ruleset, const struct cage_fs_rule *r,
	 const struct cage_vars *vars, uint64_t handled, const char **step)
{
	char path[PATH_MAX];
	struct stat st;
	int fd, err = 0;

	*step = "landlock (fs path)";
	if (cage_fs_path_is_tty(r->path))
		return add_ttys(ruleset, r, handled, step);
	err = cage_fs_path_expand(r->path, vars, path, sizeof(path));
	if (err == -ENOENT)
		return 0; /* $HOME unset, or the command not found */
	if (err)
		return err;
	fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		if (err == ENOENT || err == EACCES || err == ENOTDIR ||
		    err == ELOOP)
			return 0;
		*step = "open (landlock fs path)";
		return -err;
	}
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		*step = "fstat (landlock fs path)";
		return err;
	}
	/* /, /dev, /dev/pts: every entry but the other terminals; the
	 * command line's /dev/pts is all of it. */
	err = cage_landlock_carve(
		ruleset, fd, &st,
		cage_landlock_access(r->access, true, handled),
		cage_fs_rule_from_cli(r), step);
	if (err == 0)
		err = add_fd(ruleset, fd, &st, r->access, handled, step);
	close(fd);
	return err < 0 ? err : 0;
}

static int
add_ports(int ruleset, const uint16_t *ports, size_t n, uint64_t access,
	  const char **step)
{
	*step = "landlock_add_rule (port)";
	for (size_t i = 0; i < n; i++) {
		struct net_port_attr np = {access, ports[i]};

		if (syscall(SYS_landlock_add_rule, ruleset,
			    CAGE_LANDLOCK_RULE_NET_PORT, &np, 0) < 0)
			return -errno;
	}
	return 0;
}

static int
fill_ruleset(int fd, const struct cage_landlock_layer *y,
	     const struct cage_vars *vars, const char **step)
{
	const struct cage_landlock_plan *plan = &y->rights;
	int err = 0;

	for (size_t i = 0; i < y->nfs && !err; i++)
		if (!y->skip || !y->skip[i])
			err = add_path(fd, &y->fs[i], vars, plan->fs, step);
	if (!err && (plan->net & LANDLOCK_ACCESS_NET_CONNECT_TCP))
		err = add_ports(fd, y->connect, y->nconnect,
				LANDLOCK_ACCESS_NET_CONNECT_TCP, step);
	if (!err && (plan->net & LANDLOCK_ACCESS_NET_BIND_TCP))
		err = add_ports(fd, y->bind, y->nbind,
				LANDLOCK_ACCESS_NET_BIND_TCP, step);
	return err;
}

/*
 * What a layer without fs rules handles, from ABI 2: reading and writing
 * files, granted everywhere but on the other terminals, and REFER, which
 * every layer of a domain with fs rights denies unless granted (renames
 * and links across directories): this layer grants it everywhere.  The
 * other rights stay unhandled, so nothing else changes.
 */
#define TTY_RIGHTS                                                             \
	(LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE |        \
	 LANDLOCK_ACCESS_FS_REFER)

/* TTY_RIGHTS on every entry of / but the other terminals. */
static int
carve_root(int ruleset, const char **step)
{
	int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC), err;

	if (root < 0) {
		*step = "open (landlock terminals)";
		return -errno;
	}
	err = cage_landlock_carve(ruleset, root, NULL, TTY_RIGHTS, false, step);
	close(root);
	if (err == 0) { /* "/" is not / (a race with pivot_root) */
		*step = "landlock (terminals: / moved)";
		return -ESTALE;
	}
	return err < 0 ? err : 0;
}

static int
enforce_layer(const struct cage_landlock_layer *y, const struct cage_vars *vars,
	      const char **step)
{
	const struct cage_landlock_plan *plan = &y->rights;
	struct ruleset_attr attr = {plan->fs, plan->net, plan->scoped};
	int fd, err;

	*step = "landlock_create_ruleset";
	fd = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		return -errno;
	err = fill_ruleset(fd, y, vars, step);
	if (!err && y->carve_root)
		err = carve_root(fd, step);
	if (!err) {
		*step = "landlock_restrict_self";
		if (syscall(SYS_landlock_restrict_self, fd, 0) < 0)
			err = -errno;
	}
	close(fd);
	return err;
}

/* Room for one more layer in L; NULL, L unchanged, if out of memory. */
static struct cage_landlock_layer *
new_layer(struct cage_landlock_layers *l)
{
	struct cage_landlock_layer *v = realloc(l->v, (l->n + 1) * sizeof(*v));

	if (!v)
		return NULL;
	l->v = v;
	memset(&v[l->n], 0, sizeof(v[l->n]));
	return &v[l->n++];
}

/*
 * ISO's layer, if the kernel makes one: its rights and its rules.  No
 * fs rules: every file but the other terminals, where the kernel can
 * (best effort: the policy asked for nothing on files).
 */
static int
plan_policy(struct cage_landlock_layers *l, const struct cage_isolation *iso,
	    const struct cage_vars *vars, const char **why)
{
	struct cage_landlock_plan plan;
	struct cage_landlock_layer *y;
	char path[PATH_MAX];
	int err = cage_landlock_plan(iso, l->abi, &plan, why);

	if (err)
		return err;
	for (size_t k = 0; k < iso->nfs && plan.fs; k++) {
		err = cage_fs_path_expand(iso->fs[k].path, vars, path,
					  sizeof(path));
		if (err && err != -ENOENT) {
			*why = "an fs path is too long";
			return err;
		}
	}
	if (!plan.enforce)
		return 0;
	l->abi_used = l->abi;
	if (!plan.fs && l->abi >= 2)
		plan.fs = TTY_RIGHTS;
	if (!(y = new_layer(l)))
		return -ENOMEM;
	y->rights = plan;
	y->fs = iso->fs;
	y->nfs = iso->nfs;
	y->connect = iso->connect;
	y->nconnect = iso->nconnect;
	y->bind = iso->bind;
	y->nbind = iso->nbind;
	y->carve_root = !iso->nfs && plan.fs == TTY_RIGHTS;
	return 0;
}

/*
 * Every target is put in a Landlock domain, even when no policy has fs
 * or net rules: Landlock then refuses ptrace-class access (ptrace,
 * /proc/PID/mem, environ, fd/) to any process outside the domain, and
 * from ABI 6 scopes signals and abstract Unix sockets to it, so a target
 * cannot signal syscage or another process of its user.  From ABI 2 that
 * layer grants every file but the other terminals; before, a ruleset
 * that handles only MAKE_BLOCK (which CAP_MKNOD guards anyway) makes the
 * domain.  No Landlock at all: nothing to do.
 */
static int
plan_scope_only(struct cage_landlock_layers *l)
{
	struct cage_landlock_layer *y;

	if (l->abi < 1)
		return 0;
	if (!(y = new_layer(l)))
		return -ENOMEM;
	if (l->abi >= 6)
		y->rights.scoped = LANDLOCK_SCOPE_SIGNAL |
				   LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET;
	if (l->abi >= 2) {
		y->rights.fs = TTY_RIGHTS;
		y->carve_root = true;
	} else {
		y->rights.fs = LANDLOCK_ACCESS_FS_MAKE_BLOCK;
	}
	y->rights.enforce = true;
	return 0;
}

int
cage_landlock_prepare(struct cage_policy *const *pols, size_t n,
		      const struct cage_vars *vars,
		      struct cage_landlock_layers *l, const char **why)
{
	int err = 0;

	memset(l, 0, sizeof(*l));
	*why = NULL;
	l->vars = vars;
	l->abi = cage_landlock_kernel_abi();
	for (size_t i = 0; i < n && !err; i++) {
		const struct cage_isolation *iso = &pols[i]->iso;

		l->any_fs |= iso->nfs > 0;
		if (wants_layer(iso))
			err = plan_policy(l, iso, vars, why);
	}
	if (!err && l->n == 0)
		err = plan_scope_only(l);
	if (err)
		cage_landlock_layers_free(l);
	return err;
}

void
cage_landlock_layers_free(struct cage_landlock_layers *l)
{
	for (size_t i = 0; l->v && i < l->n; i++)
		free(l->v[i].skip);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* PATH is DIR or below it. */
static bool
under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
}

/* What the carving of terminals may take as a rule above: never. */
static bool
carved_maybe(const char *dir)
{
	return !strcmp(dir, "/") || under(dir, "/dev") || under(dir, "/proc");
}

/*
 * Landlock grants what any rule on the way up grants, and in a view whose
 * binds are the fs rules each rule's path is where its bind is: a rule
 * below another of its layer that grants all it grants adds nothing
 * (a read-only $GITDIR/hooks in a writable $CHECKOUT, a cache in the
 * private home), and costs an open, a stat and a landlock_add_rule.  A
 * skip only ever grants less: /, /dev and /proc, where terminals are
 * carved out, are never taken as the rule above.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
/* GCC 12's -fanalyzer loses the copies once they are in P (the same
 * false leak as guarded.c's): they are freed below, and ASan, valgrind
 * and clang's unix.Malloc check it. */
static int
skip_layer(struct cage_landlock_layer *y, const struct cage_vars *vars)
{
	char **p = calloc(y->nfs, sizeof(*p)), buf[PATH_MAX];
	bool *skip = calloc(y->nfs, sizeof(*skip));
	int err = 0;

	if (!p || !skip) {
		free(p);
		free(skip);
		return -ENOMEM;
	}
	for (size_t i = 0; i < y->nfs && !err; i++)
		if (!cage_fs_path_is_tty(y->fs[i].path) &&
		    !cage_fs_path_expand(y->fs[i].path, vars, buf,
					 sizeof(buf)) &&
		    !(p[i] = strdup(buf)))
			err = -ENOMEM;
	for (size_t i = 0; i < y->nfs && !err; i++)
		for (size_t j = 0; p[i] && j < y->nfs && !skip[i]; j++)
			skip[i] = j != i && p[j] && !carved_maybe(p[j]) &&
				  under(p[i], p[j]) &&
				  (strcmp(p[i], p[j]) || j < i) &&
				  (y->fs[j].access & y->fs[i].access) ==
					  y->fs[i].access;
	for (size_t i = 0; i < y->nfs; i++)
		free(p[i]);
	free(p);
	if (err) {
		free(skip);
		return err;
	}
	y->skip = skip;
	return 0;
}
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic pop
#endif

int
cage_landlock_skip_nested(struct cage_landlock_layers *l)
{
	int err = 0;

	for (size_t i = 0; i < l->n && !err; i++)
		if (l->v[i].nfs > 1 && !l->v[i].skip)
			err = skip_layer(&l->v[i], l->vars);
	return err;
}

int
cage_landlock_apply(const struct cage_landlock_layers *l, const char **step)
{
	for (size_t i = 0; i < l->n; i++) {
		int err = enforce_layer(&l->v[i], l->vars, step);

		if (err)
			return err;
	}
	return 0;
}

const char *
cage_landlock_tty_note(const struct cage_landlock_layers *l)
{
	if (l->any_fs && l->abi >= 3)
		return "other terminals: closed by the fs rules (in "
		       "/dev/pts only $TTY and ptmx, unless --rw names "
		       "/dev/pts)";
	if (l->abi >= 2)
		return "other terminals: closed by a Landlock layer that "
		       "grants every file but them";
	return "other terminals: open (best effort: this kernel has no "
	       "Landlock ABI 2 and no policy has fs rules to require it)";
}
