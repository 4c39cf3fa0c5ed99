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

/* How to launch: everything a run needs, in one place. */
struct cage_launch_opts {
	char *const *argv;		    /* argv[0] is looked up in PATH */
	char *const *envp;		    /* NULL: the caller's environment */
	struct cage_filter *const *filters; /* each loaded, in order */
	size_t nfilters;
	uint64_t caps_keep;  /* bit n: keep capability n */
	const int *keep_fds; /* fds above 2 that stay open */
	size_t nkeep_fds;
	bool verbose;
	/* Supervision: the policies (also compiled in filters), the mode,
	 * where events go, what --learn fills. */
	struct cage_policy *const *policies;
	size_t npolicies;
	enum cage_supervise supervise;
	cage_event_fn *on_event;
	void *event_ctx;
	struct cage_learned *learned;
	unsigned timeout;  /* seconds; 0: none.  Exit 124 when it fires */
	bool keep_orphans; /* leave descendants running after the target */
	/* Beyond seccomp: the fs, net, env and limit sections of the
	 * policies above apply too.  Each policy with fs rules, TCP ports or
	 * 'net none|unix' is a stacked Landlock layer; their environments
	 * are applied in order; the lowest limit wins. */
	const struct cage_vars *vars; /* $HOME $CWD $TMPDIR $EXE in fs paths */
	bool set_user;		      /* switch to uid:gid before exec */
	uid_t uid;
	gid_t gid;
};

#define CAGE_PATH_MAX 4096 /* PATH_MAX, without <limits.h> for our users */

/* What $HOME, $CWD, $TMPDIR and $EXE stand for in fs paths ("": none). */
struct cage_vars {
	char home[CAGE_PATH_MAX];
	char cwd[CAGE_PATH_MAX];
	char tmpdir[CAGE_PATH_MAX]; /* $TMPDIR if absolute, else /tmp */
	char exe[CAGE_PATH_MAX];    /* the directory of the command to run */
};

/* $HOME and $TMPDIR from the environment, getcwd(), and COMMAND as the
 * launch finds it in the PATH of ENVP (NULL: the environment). */
int cage_vars_init(struct cage_vars *vars, const char *command,
		   char *const *envp);
/*
 * Can this kernel enforce the Landlock layers OPTS asks for?  0 with *abi
 * the Landlock ABI that will be used (0: none needed), or -EOPNOTSUPP
 * (the kernel lacks what a policy needs and it does not say
 * 'fs best-effort') or -ENAMETOOLONG, with *why.  A path whose variable
 * has no value ($HOME unset, the command not found) is skipped.
 */
int cage_landlock_check(const struct cage_launch_opts *opts, int *abi,
			const char **why);
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
 * Fork, confine the child and exec argv; wait for it, forwarding signals.
 * On return *status is the exit status syscage(1) documents (the target's
 * own, 128+N for signal N, 159 for a policy kill, 125/126/127 for a launch
 * failure, with *err filled).  Returns 0, or -errno if the parent itself
 * failed (then nothing ran or the child was killed).
 */
int cage_launch(const struct cage_launch_opts *opts, int *status,
		struct cage_launch_error *err);

#ifdef __cplusplus
}
#endif

#endif
