// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsyscage: parse syscage policies, compile them to seccomp filters and
 * launch a command under them.  Every function returns 0 or -errno and
 * never prints or exits; problems in policy text are returned as diagnostics.
 */
#ifndef SYSCAGE_H
#define SYSCAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CAGE_VERSION "0.1.0"

/* Exit statuses of a launch, as syscage(1) documents them. */
enum {
	CAGE_EXIT_TIMEOUT = 124,
	CAGE_EXIT_SETUP = 125,	/* syscage failed before exec */
	CAGE_EXIT_NOEXEC = 126, /* found but cannot be executed */
	CAGE_EXIT_NOTFOUND = 127,
	CAGE_EXIT_POLICY_KILL = 128 + 31, /* 128 + SIGSYS */
};

/* What a rule, or a policy's default, does with a system call. */
enum cage_action_kind {
	CAGE_ACTION_NONE = 0, /* not set */
	CAGE_ACTION_ALLOW,
	CAGE_ACTION_LOG,    /* allow and report */
	CAGE_ACTION_ERRNO,  /* fail the call with an errno */
	CAGE_ACTION_TRAP,   /* SIGSYS to the caller, which may catch it */
	CAGE_ACTION_KILL,   /* the whole process dies of SIGSYS */
	CAGE_ACTION_DENY,   /* the policy's default denial */
	CAGE_ACTION_NOTIFY, /* internal: routed to the supervisor */
};

struct cage_action {
	enum cage_action_kind kind;
	int errnum; /* CAGE_ACTION_ERRNO only */
};

enum cage_severity {
	CAGE_SEVERITY_ERROR,
	CAGE_SEVERITY_WARNING,
	CAGE_SEVERITY_NOTE,
};

/* One problem found in policy text, with its place. */
struct cage_diag {
	enum cage_severity severity;
	char *file; /* as the user named it, or "<name>" for built-ins */
	unsigned line, col; /* 1-based; 0 when the place is the whole file */
	unsigned len;	    /* width of the offending token, for the caret */
	char *message;
	char *source_line; /* the text of the line, or NULL */
};

struct cage_diags {
	struct cage_diag *v;
	size_t n, cap;
	size_t errors;	/* how many have CAGE_SEVERITY_ERROR */
	bool truncated; /* more errors were found than are kept */
};

#define CAGE_DIAGS_MAX_ERRORS 20

void cage_diags_free(struct cage_diags *diags);
/* file:line:col: severity: message, then the source line and a caret. */
int cage_diag_print(const struct cage_diag *diag, FILE *out);

struct cage_policy;

/*
 * Load a policy: NAME is a built-in or installed policy name, or a path if
 * it contains a '/' or ends in ".policy".  Includes are followed, groups
 * expanded and syscall names resolved.  Returns -EINVAL when the policy
 * has errors (they are in diags), another -errno when a file cannot be read.
 */
int cage_policy_load(const char *name, struct cage_diags *diags,
		     struct cage_policy **out);
/* The same for text in memory; NAME is used in diagnostics and DIR to
 * resolve relative includes (NULL: the current directory). */
int cage_policy_load_buffer(const char *name, const char *dir, const char *text,
			    size_t len, struct cage_diags *diags,
			    struct cage_policy **out);
void cage_policy_free(struct cage_policy *policy);

/* Print what the policy does, in plain words. */
int cage_policy_explain(const struct cage_policy *policy, FILE *out);
/* Lint warnings about dangerous allows, added to diags. */
int cage_policy_lint(const struct cage_policy *policy,
		     struct cage_diags *diags);
/* Capabilities the policy asks to keep (bit n: capability n). */
uint64_t cage_policy_caps_keep(const struct cage_policy *policy);

/* Names of the built-in policies, NULL-terminated. */
const char *const *cage_builtin_names(void);
/* Print groups (GROUP == NULL) or one group's members. -ENOENT if unknown. */
int cage_groups_list(const char *group, FILE *out);

/* A policy compiled to one or more stacked seccomp filters. */
struct cage_filter;

int cage_filter_compile(const struct cage_policy *policy,
			struct cage_diags *diags, struct cage_filter **out);
void cage_filter_free(struct cage_filter *filter);
/* How many kernel filters the policy needs (they are stacked). */
size_t cage_filter_count(const struct cage_filter *filter);
/* Write filter INDEX as raw BPF (struct sock_filter[]) or libseccomp PFC. */
int cage_filter_export_bpf(const struct cage_filter *filter, size_t index,
			   int fd);
int cage_filter_export_pfc(const struct cage_filter *filter, size_t index,
			   int fd);

/*
 * Write POLICY to FD for another sandbox.  FORMAT is "oci" (a Docker/OCI
 * seccomp profile: Docker, Podman, runc, crun, Kubernetes Localhost
 * profiles), "spo:NAME" (that profile as a Security Profiles Operator
 * SeccompProfile resource named NAME, in YAML; -EINVAL with the reason in
 * DIAGS for a NAME that is not a DNS-1123 subdomain), "systemd" (unit
 * file settings, then what they cannot say),
 * "pfc" (libseccomp's readable form of every compiled filter), "bpf" (the
 * raw filter bwrap --seccomp reads: -E2BIG when the policy compiles to
 * several stacked filters) or "bpf:N" (the Nth of them, from 1, for bwrap
 * --add-seccomp-fd).  Returns 0, -EINVAL for an unknown FORMAT, or
 * another -errno with the reason in DIAGS.
 */
int cage_policy_export(const struct cage_policy *policy, const char *format,
		       int fd, struct cage_diags *diags);

/*
 * Write policy text with comments for a Docker/OCI seccomp profile (JSON)
 * to OUT, flattened for this machine: entries that include or exclude by
 * capability (syscage keeps none), architecture (x86-64 only) or kernel
 * version are settled, and names this libseccomp does not know are
 * skipped, as runc and crun skip them.  NAME names the JSON in DIAGS,
 * which give the line and column of each problem.  Returns 0, -EINVAL
 * when the profile has errors, or another -errno.
 */
int cage_import_oci(const char *name, const char *json, size_t len, FILE *out,
		    struct cage_diags *diags);
/* The same for the profile in the file PATH. */
int cage_import_oci_file(const char *path, FILE *out, struct cage_diags *diags);

/*
 * What syscage --check does: compile POLICY, check that every program a
 * launch of it may load fits the kernel (the supervised filter, and the
 * kernel filters a nested launch falls back to), and lint it.  Problems
 * go to DIAGS.  0, -EINVAL when it has errors, or another -errno.
 */
int cage_policy_check(struct cage_policy *policy, struct cage_diags *diags);

/* "allow", "errno EPERM", ... into BUF. */
const char *cage_action_str(const struct cage_action *a, char *buf,
			    size_t size);

/* How the parent watches the target's system calls. */
enum cage_supervise {
	CAGE_SUPERVISE_OFF,	/* kernel filters only, nothing reported */
	CAGE_SUPERVISE_ENFORCE, /* denials routed to the parent, reported */
	CAGE_SUPERVISE_AUDIT, /* nothing enforced, would-be denials reported */
	CAGE_SUPERVISE_LEARN, /* the filters enforced, every call they let
				 through recorded */
};

enum cage_event_kind {
	CAGE_EVENT_DENIED,	/* the policy denied a call */
	CAGE_EVENT_LOGGED,	/* a 'log' rule let a call through */
	CAGE_EVENT_AUDIT,	/* --audit: the policy would have denied it */
	CAGE_EVENT_NO_LISTENER, /* no supervisor: kernel filters enforce */
	CAGE_EVENT_BY_DESIGN,	/* a refusal the program recovers from:
				   ENOSYS so that libc falls back (why) */
	CAGE_EVENT_FS_REFUSED,	/* a path the fs rules or the view refuse */
	CAGE_EVENT_FS_AUDIT,	/* --audit: a path they would have refused */
};

/* What a denial's report proposes (cage_event.allow, .why). */
enum cage_advice {
	CAGE_ADVICE_RULE,   /* allow: the policy line that lets it in */
	CAGE_ADVICE_OPTION, /* allow: the option that does (--net inet) */
	CAGE_ADVICE_ENOSYS, /* allow: 'errno ENOSYS NAME', libc falls back */
	CAGE_ADVICE_NONE,   /* nothing: why says what --check would warn */
};

/* One thing the supervisor saw, for the caller to report. */
struct cage_event {
	enum cage_event_kind kind;
	int pid; /* the calling thread */
	char comm[16];
	int nr;
	const char *name; /* the syscall's name, or NULL */
	uint64_t args[6];
	char call[512];		   /* openat(AT_FDCWD, "/etc/shadow", ...) */
	struct cage_action action; /* what was done (or would have been) */
	const char *policy;	   /* the policy that decided */
	const char *file;	   /* where: the rule or 'default', or NULL */
	unsigned line;
	char allow[256]; /* the policy line that would allow it */
	int errnum;	 /* NO_LISTENER: why */
	enum cage_advice advice;
	char why[320]; /* BY_DESIGN: the reason; ADVICE_NONE, _ENOSYS: why;
			  FS_*: the rule, or the missing rule */
	/* FS_*: the path (escaped), the access it wanted ("read", "create",
	 * ...), the option that would allow it (allow: the fs line);
	 * action, policy, file and line are the rule's, if one. */
	char path[256];
	const char *want;
	char option[160];
	/* FS_*, allow "": why no grant is suggested, in one line (a
	 * system directory, the home, a secret; "hidden on purpose"). */
	char withheld[160];
};

typedef void cage_event_fn(const struct cage_event *ev, void *ctx);

/* What --learn saw. */
struct cage_learned;

struct cage_learned *cage_learned_new(void);
void cage_learned_free(struct cage_learned *l);
/* Calls --learn could not record (a full trace buffer): 0 when complete. */
uint64_t cage_learned_lost(const struct cage_learned *l);
/*
 * Write a commented policy allowing exactly what was seen.  Rules that
 * cage_policy_lint warns about are written commented out, each with its
 * warning; COMMAND and every other text the target chose appear only in
 * comments, escaped.
 */
int cage_learned_write(const struct cage_learned *l, const char *command,
		       FILE *out);
/* The rules cage_learned_write leaves out, one "  RULE: why" line each
 * on OUT; their number, or -errno. */
int cage_learned_left_out(const struct cage_learned *l, FILE *out);
/* How the calls were recorded (tracing, or the listener and why), or
 * NULL before a launch. */
const char *cage_learned_method(const struct cage_learned *l);

/* What becomes of the caller's other children once the target is done. */
enum cage_reap {
	CAGE_REAP_NONE,	    /* left alone: the caller reaps its own */
	CAGE_REAP_ON_ERROR, /* killed and reaped if supervision failed */
	CAGE_REAP_ALWAYS,   /* killed and reaped: what the target left too */
};

/* How to launch: everything a run needs, in one place. */
struct cage_launch_opts {
	char *const *argv; /* argv[0] is looked up in PATH */
	char *const *envp; /* NULL: the caller's environment */
	/*
	 * The policies, stacked in order, each enforced whole: its seccomp
	 * filter (compiled by cage_plan_new, or the copy compiled into the
	 * library for a built-in) and its fs, net, env and limit sections:
	 * each policy with fs rules, TCP ports or 'net none|unix' is a
	 * stacked Landlock layer, the environments are applied in order,
	 * the lowest limit wins.  They must outlive the plan.
	 */
	struct cage_policy *const *policies;
	size_t npolicies;
	uint64_t caps_keep;  /* bit n: keep capability n, beyond the
				policies' own */
	const int *keep_fds; /* fds above 2 that stay open */
	size_t nkeep_fds;
	bool verbose; /* cage_plan_new adds notes: the variables, Landlock */
	/* Supervision: the mode, where events go, what --learn fills. */
	enum cage_supervise supervise;
	cage_event_fn *on_event;
	void *event_ctx;
	struct cage_learned *learned;
	unsigned timeout; /* seconds; 0: none.  Exit 124 when it fires */
	enum cage_reap reap;
	/* Directories the user named for writing (syscage --rw), as fs
	 * paths: a write rule for one of them is the user's own choice even
	 * where it is a home (see cage_plan_new). */
	const char *const *rw_named;
	size_t nrw_named;
	bool set_user; /* switch to uid:gid before exec */
	uid_t uid;
	gid_t gid;
	/* Name each path the fs rules or the private view refuse (events
	 * CAGE_EVENT_FS_*): the calls that take a path go through the
	 * supervisor, which costs a round trip each. */
	bool fs_report;
	/* The check of the fs rules against the homes and the system's trees
	 * (cage_plan_new's -EPERM) is left to cage_plan_check, which the
	 * caller makes after cage_launch_start: it runs while the child
	 * makes the namespaces. */
	bool defer_fs_check;
	/* The caller exits once cage_launch returns: with a PID namespace,
	 * the launch returns when the target and the namespace's processes
	 * have ended, without waiting for the kernel's teardown of the
	 * namespaces in the exit of the waiter outside (then a child of
	 * the caller's until it ends).  Otherwise the launch reaps it. */
	bool exit_after;
};

/* Everything the launched child needs, computed before fork. */
struct cage_plan;

/*
 * Plan a launch of OPTS->argv under OPTS->policies: compile their kernel
 * filters (nothing for a built-in: its filters are in the library) and
 * the supervised filter; find the command in PATH; work out $HOME $CWD
 * $TMPDIR $EXE, the target's environment, the lowest limits, the
 * capabilities to keep and the Landlock layers the kernel will hold.
 * Refused (-EPERM), with an error in DIAGS saying which rule, why and
 * what to do: a write rule at /, at a home or above one, or a rule of
 * the variables at a home, in a hidden directory of one or in a tree of
 * the system, unless OPTS->rw_named names it.  -EOPNOTSUPP: the kernel
 * lacks the Landlock a policy needs and it does not say 'fs
 * best-effort'.  Diagnostics without a file are the launch's own: its
 * errors, and the notes OPTS->verbose asks for.  A launch step that is
 * found to fail here (the command not found, no status socket) is kept,
 * and cage_launch reports it as that step.  The plan holds the status
 * socket, whose number its filters name: it serves one launch.  0 or
 * -errno.
 */
int cage_plan_new(const struct cage_launch_opts *opts, struct cage_diags *diags,
		  struct cage_plan **out);
void cage_plan_free(struct cage_plan *plan);
/*
 * The names, never the values, of the variables of the caller's
 * environment (OPTS->envp) that the policies' 'env clear' removed and no
 * 'env set' put back: sorted by byte, each once, as the caller's
 * environment spelt them (escape them to print).  *N is their number;
 * NULL when none.  They live as long as PLAN.
 */
const char *const *cage_plan_env_dropped(const struct cage_plan *plan,
					 size_t *n);

/* A resource limit a launch sets on the target: the lowest of the
 * policies', and where the policy that set it said so. */
struct cage_limit_set {
	const char *name;    /* as prlimit(1) spells it: "fsize" */
	uint64_t soft, hard; /* UINT64_MAX: unlimited */
	const char *file;    /* the policy source, as shown to the user */
	unsigned line;
};

/* The limits PLAN sets, in prlimit(1)'s order; *N their number.  They
 * live as long as PLAN. */
const struct cage_limit_set *cage_plan_limits(const struct cage_plan *plan,
					      size_t *n);

/* How the target of PLAN's launch ended: the signal that killed it (0 if
 * it exited or never ran) and the CPU time, user and system, that it and
 * the descendants it waited for used, in microseconds. */
void cage_plan_ended(const struct cage_plan *plan, int *signal,
		     uint64_t *cpu_us);

/* USER[:GROUP], names or numbers; without GROUP the user's own group.
 * -ENOENT if either is unknown, -EINVAL if malformed. */
int cage_user_resolve(const char *spec, uid_t *uid, gid_t *gid);

/* Why a launch failed before exec, for the caller to print. */
struct cage_launch_error {
	char step[64]; /* e.g. "prctl(PR_SET_NO_NEW_PRIVS)" */
	int errnum;
	char detail[256]; /* extra words, may be empty */
};

/*
 * Fork, confine the child as PLAN says and exec its command; wait for it,
 * forwarding signals.  Nothing is compiled here.  On return *status is
 * the exit status syscage(1) documents (the target's own, 128+N for
 * signal N, 159 for a policy kill, 125/126/127 for a launch failure,
 * with *err filled).  Returns 0, or -errno if the parent itself failed
 * (then nothing ran or the child was killed); -EALREADY if PLAN served a
 * launch already.
 *
 * What it does to the calling process:
 *  - PR_SET_DUMPABLE 0 (a same-uid target could otherwise read our
 *    memory through /proc), not undone on return;
 *  - PR_SET_CHILD_SUBREAPER 1, not undone: what the target leaves behind
 *    becomes a child of the caller; opts->reap says whether it is
 *    killed and reaped before return (CAGE_REAP_NONE: the caller's to
 *    wait for);
 *  - while it runs, SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
 *    SIGUSR2 and SIGWINCH are blocked and read from a signalfd (all but
 *    SIGCHLD forwarded to the target), SIGTTOU blocked; the caller's
 *    mask is restored on return, and what arrived of these consumed;
 *  - supervised: a thread answers the target's calls, woken by the
 *    signal SIGRTMIN+4, whose handler (it does nothing) stays installed.
 */
int cage_launch(struct cage_plan *plan, int *status,
		struct cage_launch_error *err);

/*
 * A launch in two steps: cage_launch_start forks the child, which makes
 * the namespaces and the view and then waits, before its filters, for
 * cage_launch to say go; meanwhile the caller checks the fs rules with
 * cage_plan_check (for a plan made with OPTS->defer_fs_check; errors in
 * DIAGS as cage_plan_new's; 0, -EPERM or -errno) and may open its
 * files.  cage_launch then lets the child go on, or, refused, kills it
 * and fails.  What cage_launch_start cannot do (fork) cage_launch
 * reports as its step; a plan whose child would share the caller's
 * memory is started by cage_launch itself.  cage_launch_abort kills and
 * reaps a child started and not launched; cage_plan_free does too.
 */
void cage_launch_start(struct cage_plan *plan);
int cage_plan_check(struct cage_plan *plan, struct cage_diags *diags);
void cage_launch_abort(struct cage_plan *plan);

/*
 * Text a target or a file chose (a path, a command name, a string it
 * passed), made safe to print on a terminal or in a JSON string.
 */
#define CAGE_ESC_QUOTE 1u /* '"' becomes \" too (inside a quoted string) */
#define CAGE_ESC_TAB   2u /* a tab stays a tab (a source line's caret) */

/*
 * IN[0..LEN) into OUT (SIZE >= 1, always NUL-terminated) as printable
 * ASCII and valid UTF-8 of printable characters: '\' becomes "\\", tab,
 * line feed and carriage return "\t" "\n" "\r", any other control byte
 * and any byte that is not part of valid UTF-8 "\xNN", and the C1
 * controls, line and paragraph separators and bidirectional controls
 * "\uNNNN".  An escape or a character is never cut; false if IN did not
 * fit whole.
 */
bool cage_text_escape(char *out, size_t size, const char *in, size_t len,
		      unsigned flags);
/* S holds only what cage_text_escape writes: nothing to escape. */
bool cage_text_is_safe(const char *s);
/* S itself if nothing in it needs escaping, else S escaped into BUF
 * (SIZE >= 4), cut with "..." if it does not fit. */
const char *cage_text_shown(const char *s, char *buf, size_t size);

/*
 * Files written in directories the target may write (syscage's --report
 * and --learn): prepared before the target runs, written unnamed, and
 * renamed into place within the directory held open from the start, so
 * that the target can neither redirect, truncate nor forge them.
 */
struct cage_outfile {
	int dirfd;	  /* FILE's directory, as it was before the launch */
	int fd;		  /* what is written */
	char *base;	  /* FILE's name in dirfd */
	mode_t mode;	  /* its mode at the end, less the umask */
	bool stream;	  /* a descriptor or a FIFO: written in place */
	bool named;	  /* no O_TMPFILE here: a named temporary file */
	char tmpname[40]; /* the named one, or where commit left it */
};

#define CAGE_OUTFILE_INIT                                                      \
	{                                                                      \
		.dirfd = -1, .fd = -1                                          \
	}

/*
 * Before the target runs: PATH's directory is opened once, and an
 * unnamed file (O_TMPFILE, mode 0600) is made in it.  /dev/stdout,
 * /dev/stderr, /dev/fd/N and /proc/self/fd/N are a duplicate of that
 * descriptor, and an existing FIFO is opened as it is: both are written
 * in place.  -ELOOP if PATH is a symbolic link, -EISDIR a directory,
 * -EINVAL another kind of file, -EPERM a file of another user in a
 * sticky directory (the rename would fail), or another -errno.
 */
int cage_outfile_open(struct cage_outfile *of, const char *path, mode_t mode);
/* Removes what is at PATH's name now (not for a stream): --report, so
 * that a run that dies leaves no earlier report standing.  0 or -errno. */
int cage_outfile_clear(struct cage_outfile *of);
/*
 * After: the file, written through of->fd, takes PATH's name, replacing
 * whatever is there (a symbolic link or a hard link is replaced, never
 * followed or written through).  0 or -errno; when the rename failed
 * the file is kept under of->tmpname in the same directory.
 */
int cage_outfile_commit(struct cage_outfile *of);
/* Closes the directory (not of->fd) and removes what was not committed. */
void cage_outfile_close(struct cage_outfile *of);

#ifdef __cplusplus
}
#endif

#endif
