// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The grants syscage may suggest for a refused path (fs_explain.c says
 * them).  A path is checked as the target named it and as the host
 * resolves it (a symbolic link the target made is followed by the grant
 * too), and a path whose name a shell or a policy line would read
 * otherwise (a space, a quote, '$', a control byte) is not suggested.
 */
#include "supervise/fs_advice.h"

#include "base/text_escape.h"
#include "lang/load.h"
#include "policy/fs_path.h"
#include "policy/policy.h"
#include "supervise/fs_read.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NLIST	 64
#define LIST_LEN 96

/* ci.policy's lists: its 'fs none' paths ("$HOME/.ssh", "/etc/shadow"),
 * and under $HOME its caches (rw: ".npm") and toolchains (rx: "go"). */
static struct {
	int err;
	char secret[NLIST][LIST_LEN], cache[NLIST][LIST_LEN],
		tool[NLIST][LIST_LEN];
	size_t nsecret, ncache, ntool;
} lists;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static void
add(char (*v)[LIST_LEN], size_t *n, const char *s)
{
	if (*n == NLIST || strlen(s) >= LIST_LEN) {
		lists.err = -E2BIG;
		return;
	}
	snprintf(v[(*n)++], LIST_LEN, "%s", s);
}

static void
load_lists(void)
{
	struct cage_diags d = {0};
	struct cage_policy *ci = NULL;
	int err = cage_policy_load_builtin("ci", &d, &ci);

	for (size_t i = 0; !err && i < ci->iso.nhide; i++)
		add(lists.secret, &lists.nsecret, ci->iso.hide[i].path);
	for (size_t i = 0; !err && i < ci->iso.nfs; i++) {
		const struct cage_fs_rule *r = &ci->iso.fs[i];

		if (strncmp(r->path, "$HOME/", 6))
			continue;
		if (r->access & CAGE_FS_WRITE)
			add(lists.cache, &lists.ncache, r->path + 6);
		else
			add(lists.tool, &lists.ntool, r->path + 6);
	}
	if (!err && !lists.nsecret)
		err = -ENOENT; /* no secrets: not the ci this was written for */
	if (err)
		lists.err = err;
	cage_policy_free(ci);
	cage_diags_free(&d);
}

/* P is D or below it. */
static bool
within(const char *p, const char *d)
{
	size_t n = strlen(d);

	if (n == 1 && d[0] == '/')
		return true;
	return !strncmp(p, d, n) && (p[n] == '/' || !p[n]);
}

/* Every byte can be typed as it is in a policy line and a shell: letters,
 * digits, "/._-+@%,:=" and printable UTF-8. */
static bool
typable(const char *p)
{
	if (!cage_text_is_safe(p))
		return false;
	for (const unsigned char *s = (const unsigned char *)p; *s; s++)
		if (*s < 0x80 && !(*s >= 'a' && *s <= 'z') &&
		    !(*s >= 'A' && *s <= 'Z') && !(*s >= '0' && *s <= '9') &&
		    !strchr("/._-+@%,:=", *s))
			return false;
	return true;
}

/* What a path of the machine may be granted (the first row that holds
 * it decides: DENY the access refused, 0 none). */
static const struct row {
	const char *path;
	bool exact; /* the directory itself, not below it */
	unsigned deny;
	const char *why;
} rows[] = {
#define ALL	 (CAGE_FS_READ | CAGE_FS_WRITE | CAGE_FS_EXEC)
#define SOCKS	 "the display's sockets (they act for you)"
#define SHARED	 " is shared by every program (their sockets too)"
#define SERVICES " holds the services' sockets (they act for you)"
#define SYS(d)                                                                 \
	{                                                                      \
		d, false, CAGE_FS_WRITE,                                       \
			d " is a system directory; "                           \
			  "grant it only if you trust the program"             \
	}
	{"/tmp/.X11-unix", false, ALL, SOCKS},
	{"/tmp/.ICE-unix", false, ALL, SOCKS},
	{"/tmp", true, ALL, "/tmp" SHARED},
	{"/tmp", false, 0, NULL},
	{"/var/tmp", true, ALL, "/var/tmp" SHARED},
	{"/var/tmp", false, 0, NULL},
	{"/dev/shm", true, ALL, "/dev/shm" SHARED},
	{"/dev/shm", false, 0, NULL},
	{"/home", false, ALL, "/home holds every user's home"},
	{"/root", false, ALL, "/root is root's home (every secret in it)"},
	{"/proc", false, ALL, "/proc shows every process (memory, secrets)"},
	{"/sys", false, ALL, "/sys holds the kernel's and devices' settings"},
	{"/dev", false, ALL, "/dev holds the devices (disks, input, memory)"},
	{"/run", false, ALL, "/run" SERVICES},
	{"/var/run", false, ALL, "/var/run" SERVICES},
	{"/var/lib", false, ALL, "/var/lib holds the services' data"},
	{"/var/spool", false, ALL, "/var/spool holds mail and jobs"},
	{"/var/backups", false, ALL, "/var/backups holds the system's secrets"},
	SYS("/etc"),
	SYS("/usr"),
	SYS("/bin"),
	SYS("/sbin"),
	SYS("/boot"),
	SYS("/opt"),
	SYS("/var"),
	SYS("/snap"),
	SYS("/nix"),
#undef SYS
#undef SHARED
#undef SERVICES
#undef SOCKS
};

/* The homes: $HOME as given and as resolved. */
struct homes {
	const char *h[2];
	size_t n;
	char real[PATH_MAX];
};

/* S of the lists for the home H: "$HOME/x" -> "H/x". */
static const char *
expand(const char *s, const char *h, char *buf, size_t size)
{
	if (strncmp(s, "$HOME/", 6))
		return s;
	snprintf(buf, size, "%s/%s", h, s + 6);
	return buf;
}

enum { OK, WITHHELD, HOLDS_SECRET };

/* C is or holds the home. */
static int
check_home(const char *c, const struct homes *hs, char *why, size_t size)
{
	for (size_t i = 0; i < hs->n; i++) {
		if (!strcmp(c, hs->h[i]) || within(hs->h[i], c)) {
			snprintf(why, size, "%s (every secret in it)",
				 strcmp(c, hs->h[i]) ? "it holds the home"
						     : "the home itself");
			return WITHHELD;
		}
	}
	return OK;
}

/* C is a secret of ci's (WITHHELD), or holds one (HOLDS_SECRET, HOLDS
 * true). */
static int
check_secrets(const char *c, const struct homes *hs, bool holds, char *why,
	      size_t size)
{
	char buf[PATH_MAX];

	for (size_t k = 0; k < lists.nsecret; k++) {
		const char *s = lists.secret[k];

		for (size_t i = 0; i < (within(s, "$HOME") ? hs->n : 1); i++) {
			const char *e = expand(s, hs->h[i], buf, sizeof(buf));

			if (!(holds ? within(e, c) : within(c, e)))
				continue;
			snprintf(why, size,
				 "%s (%s%s): keys, tokens, credentials",
				 holds ? "it holds a secret" : "a secret",
				 e == s ? "" : "~", e == s ? s : s + 5);
			return holds ? HOLDS_SECRET : WITHHELD;
		}
	}
	return OK;
}

/* C (not under a home) as the rows say, and as a socket. */
static int
check_machine(const char *c, unsigned need, char *why, size_t size)
{
	struct stat st;
	char top[PATH_MAX], esc[64];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];

		if (r->exact ? strcmp(c, r->path) : !within(c, r->path))
			continue;
		if (!(r->deny & need))
			break;
		snprintf(why, size, "%s", r->why);
		return WITHHELD;
	}
	if ((need & CAGE_FS_WRITE) && !strncmp(c + 1, "lib", 3)) {
		snprintf(top, sizeof(top), "%.*s", (int)strcspn(c + 1, "/"),
			 c + 1);
		snprintf(why, size,
			 "/%s is a system directory; grant it only if you "
			 "trust the program",
			 cage_text_shown(top, esc, sizeof(esc)));
		return WITHHELD;
	}
	if (lstat(c, &st) == 0 && S_ISSOCK(st.st_mode)) {
		snprintf(why, size,
			 "a socket of another program (it would "
			 "act for you)");
		return WITHHELD;
	}
	return OK;
}

static int
check(const char *c, const struct homes *hs, unsigned need, char *why,
      size_t size)
{
	bool home = false;
	int r;

	if (!strcmp(c, "/")) {
		snprintf(why, size, "/ is the whole machine");
		return WITHHELD;
	}
	r = check_home(c, hs, why, size);

	for (size_t i = 0; i < hs->n; i++)
		home = home || within(c, hs->h[i]);
	if (r == OK)
		r = check_secrets(c, hs, false, why, size);
	if (r == OK && !home) /* the rows are the machine's */
		r = check_machine(c, need, why, size);
	return r == OK ? check_secrets(c, hs, true, why, size) : r;
}

/* The longest of ci's caches (or, to read, caches and toolchains) that
 * holds REST (a path below the home), or NULL. */
static const char *
entry_holding(const char *rest, unsigned need)
{
	const char *best = NULL;

	for (size_t i = 0; i < lists.ncache + lists.ntool; i++) {
		const char *e = i < lists.ncache ? lists.cache[i]
						 : lists.tool[i - lists.ncache];

		if (i >= lists.ncache && (need & CAGE_FS_WRITE))
			break;
		if (within(rest, e) && (!best || strlen(e) > strlen(best)))
			best = e;
	}
	return best;
}

/* NAME[0..N) is the first directory of one of ci's lists ("go"). */
static bool
list_top(const char *name, size_t n)
{
	for (size_t i = 0; i < lists.ncache + lists.ntool; i++) {
		const char *e = i < lists.ncache ? lists.cache[i]
						 : lists.tool[i - lists.ncache];

		if (!strncmp(e, name, n) && (e[n] == '/' || !e[n]))
			return true;
	}
	return false;
}

/* Q below the home H: what a tool keeps there, into OUT. */
static int
home_entry(const char *q, const char *h, unsigned need, char *out, size_t size,
	   char *why, size_t why_size)
{
	const char *rest = q + strlen(h) + 1, *e;
	size_t n = strcspn(rest, "/");
	char name[PATH_MAX], esc[64];

	snprintf(name, sizeof(name), "%.*s", (int)n, rest);
	if (rest[0] == '.' || list_top(rest, n)) {
		if (!(e = entry_holding(rest, need))) {
			snprintf(why, why_size,
				 rest[0] == '.'
					 ? "a hidden file of the home (~/%s): "
					   "secrets and start-up files"
					 : "a toolchain of the home (~/%s): "
					   "what is written there runs outside "
					   "the sandbox",
				 cage_text_shown(name, esc, sizeof(esc)));
			return WITHHELD;
		}
		n = strlen(e);
		rest = e;
	} else if ((need & CAGE_FS_WRITE) && !strcmp(name, "bin")) {
		snprintf(why, why_size,
			 "~/bin is on the PATH: what is written "
			 "there runs in your shell");
		return WITHHELD;
	}
	if (snprintf(out, size, "%s/%.*s", h, (int)n, rest) >= (int)size)
		return WITHHELD;
	return OK;
}

/* What to suggest for Q (normalised): OUT, narrowed below a secret. */
static int
candidate(const char *q, const struct homes *hs, unsigned need, char *out,
	  size_t size, char *why, size_t why_size)
{
	int r = OK;

	snprintf(out, size, "%s", q);
	for (size_t i = 0; i < hs->n; i++)
		if (strcmp(q, hs->h[i]) && within(q, hs->h[i])) {
			r = home_entry(q, hs->h[i], need, out, size, why,
				       why_size);
			break;
		}
	while (r == OK &&
	       (r = check(out, hs, need, why, why_size)) == HOLDS_SECRET) {
		size_t n = strlen(out);

		if (!q[n] || n + 1 >= size)
			break; /* Q itself holds one */
		n += 1 + strcspn(q + n + 1, "/");
		snprintf(out, size, "%.*s", (int)n, q);
		r = OK;
	}
	return r;
}

/* C as the host resolves it: its longest existing part, links followed. */
static void
resolved(const char *c, char *out, size_t size)
{
	char head[PATH_MAX], real[PATH_MAX];
	size_t cut = strlen(c);

	snprintf(head, sizeof(head), "%s", c);
	while (!realpath(head, real)) {
		char *s = strrchr(head, '/');

		if (!s) {
			snprintf(out, size, "%s", c);
			return;
		}
		cut = (size_t)(s - head);
		s[s == head] = '\0';
	}
	snprintf(out, size, "%s%s", strcmp(real, "/") ? real : "", c + cut);
}

int
cage_fs_advice(const char *home, const char *p, unsigned need, char *out,
	       size_t size, char *why, size_t why_size)
{
	char q[CAGE_PATH_MAX], real[CAGE_PATH_MAX], rq[CAGE_PATH_MAX],
		via[256] = "";
	struct homes hs = {.n = 0};
	int r;

	why[0] = '\0';
	pthread_once(&lists_once, load_lists);
	if (lists.err) {
		snprintf(why, why_size,
			 "ci's list of secrets is unreadable: %s",
			 strerror(-lists.err));
		return -EPERM;
	}
	if (p[0] != '/' || strlen(p) >= sizeof(q)) {
		snprintf(why, why_size, "not an absolute path");
		return -EPERM;
	}
	snprintf(q, sizeof(q), "%s", p);
	cage_fs_normalise(q);
	/* Under the home, the part after it: the line says $HOME or ~. */
	if (!typable(q + (home[0] == '/' && home[1] && within(q, home)
				  ? strlen(home)
				  : 0))) {
		snprintf(why, why_size,
			 "its name has characters a shell or a policy line "
			 "reads otherwise");
		return -EPERM;
	}
	if (home[0] == '/' && home[1])
		hs.h[hs.n++] = home;
	if (hs.n && realpath(home, hs.real) && strcmp(hs.real, home))
		hs.h[hs.n++] = hs.real;
	r = candidate(q, &hs, need, out, size, why, why_size);
	if (r == OK) {
		/* What the grant would reach: the links followed. */
		resolved(out, real, sizeof(real));
		if (strcmp(real, out) &&
		    candidate(real, &hs, need, rq, sizeof(rq), via,
			      sizeof(via))) {
			snprintf(why, why_size,
				 "a symbolic link leads it elsewhere: %s", via);
			r = WITHHELD;
		}
	}
	if (r == OK) {
		why[0] = '\0'; /* a secret's, narrowed below */
		return 0;
	}
	if (!why[0])
		snprintf(why, why_size, "the path is too long to suggest");
	out[0] = '\0';
	return -EPERM;
}
