// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The private view (SPEC 4.5) for --export oci and spo:NAME: a seccomp
 * profile carries no mounts and no namespaces, so notes on stderr say
 * what the container runtime's own must be (Docker and Podman flags,
 * Kubernetes where it differs); the profile itself stays as it is.
 */
#include "interop/export_filter.h"
#include "interop/export_view.h"
#include "policy/fs_path.h"

#include <stdio.h>
#include <string.h>

#define MOUNT_NS                                                               \
	(CAGE_PRIVATE_TMP | CAGE_PRIVATE_HOME | CAGE_PRIVATE_PID |             \
	 CAGE_PRIVATE_DEV) /* launch/plan_view.c's rule, with 'fs none' */
#define NOTE_MAX 512	   /* bytes of a diagnostic's message (base/diag.c) */
#define BINDS_FIRST                                                            \
	"fs rules, the view: a read-only root (--read-only) and each path "    \
	"that exists bound at itself, $HOME, $CWD, $CHECKOUT, $TMPDIR and "    \
	"$EXE as a launch would expand them"
#define BINDS_MORE "fs rules, the view (more)"
#define HIDES_FIRST                                                            \
	"fs none, hidden over the binds: a directory by an empty read-only "   \
	"tmpfs (--tmpfs PATH:ro), a file by -v /dev/null:PATH:ro; the paths"
#define HIDES_MORE "fs none (more)"

static const char *const private_notes[] = {
	/* CAGE_PRIVATE_TMP */
	"private tmp: tmpfs mounts at /tmp and /var/tmp (--tmpfs /tmp "
	"--tmpfs /var/tmp) and the runtime's own /dev/shm (no --ipc=host, no "
	"-v /dev/shm)",
	/* CAGE_PRIVATE_HOME */
	"private home: $HOME an empty tmpfs (--tmpfs $HOME) and no bind of "
	"a home directory or of one above it (no -v $HOME, -v /home); only "
	"the paths under $HOME that fs rules name are bound in",
	/* CAGE_PRIVATE_PID */
	"private pid: the runtime's own PID namespace, its default: no "
	"--pid=host (Kubernetes: no hostPID)",
	/* CAGE_PRIVATE_IPC */
	"private ipc: the runtime's own IPC namespace, its default: no "
	"--ipc=host (Kubernetes: no hostIPC)",
	/* CAGE_PRIVATE_DEV */
	"private dev: the runtime's minimal /dev: no --privileged, no --device",
	/* CAGE_PRIVATE_GITCONFIG */
	"private gitconfig: no bind of the user's git configuration "
	"(~/.gitconfig, ~/.config/git); give git one without credentials "
	"(user.name, user.email) if it needs one",
};

/* PATH is DIR or below it. */
static bool
under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
}

/* A rule the runtime's own mounts answer, as launch/plan_view.c leaves
 * them to the view's: /dev, /proc, the terminal, a private mount point. */
static bool
runtime_own(const struct cage_isolation *iso, const char *path)
{
	if (cage_fs_path_is_tty(path) || under(path, "/dev") ||
	    under(path, "/proc"))
		return true;
	if ((iso->private_ns & CAGE_PRIVATE_TMP) &&
	    (!strcmp(path, "/tmp") || !strcmp(path, "/var/tmp")))
		return true;
	return (iso->private_ns & CAGE_PRIVATE_HOME) &&
	       (!strcmp(path, "$HOME") || !strcmp(path, "${HOME}"));
}

/* Whether an earlier rule names PATH; else the broadest access any rule
 * gives it in *ACCESS. */
static bool
named_before(const struct cage_isolation *iso, size_t i, unsigned *access)
{
	*access = iso->fs[i].access;
	for (size_t k = 0; k < iso->nfs; k++) {
		if (strcmp(iso->fs[k].path, iso->fs[i].path))
			continue;
		if (k < i)
			return true;
		*access |= iso->fs[k].access;
	}
	return false;
}

/* Items of one kind, as many to a note as its 512 bytes hold (an item
 * longer than that alone in one, cut), the first note with FIRST, the
 * others with MORE. */
struct packer {
	const struct cage_policy *pol;
	struct cage_diags *diags;
	const char *prefix, *more;
	char buf[NOTE_MAX];
	size_t len;
};

static void
pack_flush(struct packer *p)
{
	if (!p->len)
		return;
	cage_export_diag(p->diags, p->pol, CAGE_SEVERITY_NOTE, "%s:%s",
			 p->prefix, p->buf);
	p->prefix = p->more;
	p->len = 0;
}

static void
pack(struct packer *p, const char *item)
{
	if (p->len && strlen(p->prefix) + p->len + strlen(item) + 1 >= NOTE_MAX)
		pack_flush(p);
	p->len += (size_t)snprintf(p->buf + p->len, sizeof(p->buf) - p->len,
				   "%s", item);
	if (p->len >= sizeof(p->buf))
		p->len = sizeof(p->buf) - 1;
}

/* The fs rules as the view: -v PATH:PATH:ro|rw. */
static void
note_binds(const struct cage_policy *pol, struct cage_diags *diags)
{
	const struct cage_isolation *iso = &pol->iso;
	struct packer p = {pol, diags, BINDS_FIRST, BINDS_MORE, "", 0};

	for (size_t i = 0; i < iso->nfs; i++) {
		const char *path = iso->fs[i].path;
		unsigned access;
		char one[NOTE_MAX];

		if (runtime_own(iso, path) || named_before(iso, i, &access))
			continue;
		snprintf(one, sizeof(one), " -v %s:%s:%s", path, path,
			 access & CAGE_FS_WRITE ? "rw" : "ro");
		pack(&p, one);
	}
	pack_flush(&p);
}

/* 'fs none': covered over whatever is bound there. */
static void
note_hides(const struct cage_policy *pol, struct cage_diags *diags)
{
	const struct cage_isolation *iso = &pol->iso;
	struct packer p = {pol, diags, HIDES_FIRST, HIDES_MORE, "", 0};

	for (size_t i = 0; i < iso->nhide; i++) {
		char one[NOTE_MAX];

		snprintf(one, sizeof(one), " %s", iso->hide[i].path);
		pack(&p, one);
	}
	pack_flush(&p);
}

void
cage_export_view_notes(const struct cage_policy *pol, struct cage_diags *diags)
{
	const struct cage_isolation *iso = &pol->iso;

	if (!iso->private_ns && iso->net != CAGE_NET_LOOPBACK && !iso->nhide)
		return;
	cage_export_diag(diags, pol, CAGE_SEVERITY_NOTE,
			 "the policy's private view is for the container "
			 "runtime to make, which the profile cannot carry: "
			 "run the container as the notes below say");
	for (size_t i = 0; i < sizeof(private_notes) / sizeof(*private_notes);
	     i++)
		if (iso->private_ns & (1u << i))
			cage_export_diag(diags, pol, CAGE_SEVERITY_NOTE, "%s",
					 private_notes[i]);
	if (iso->net == CAGE_NET_LOOPBACK || iso->net == CAGE_NET_NONE)
		cage_export_diag(diags, pol, CAGE_SEVERITY_NOTE,
				 "net %s: --network none (Docker and Podman "
				 "give the container lo only; Kubernetes: a "
				 "NetworkPolicy that denies all ingress and "
				 "egress)",
				 iso->net == CAGE_NET_NONE ? "none"
							   : "loopback");
	if (iso->nfs && ((iso->private_ns & MOUNT_NS) || iso->nhide))
		note_binds(pol, diags);
	note_hides(pol, diags);
}
