// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Policy compile time, in process: each stage syscage(1) runs at every
 * launch (load = parse + include + resolve; the kernel filters, which
 * for a built-in come ready-made from the binary; the supervised filter),
 * timed separately, and for reference what compiling the kernel filters
 * afresh with libseccomp would cost; interleaved across the policies
 * named, median of REPS.  Links libsyscage-core.a (internal API).
 *
 *   compile_time [-n REPS] [-o DIR] [-g RULES [-c 1|2] [-G FILE]] POLICY...
 *
 * -g RULES adds a generated policy, "gen-RULESxC", with RULES allow rules
 * of C (-c, 1 or 2) argument comparisons each; -G FILE writes its text.
 * -o DIR writes each policy's supervised filter to DIR/NAME.bpf (raw BPF,
 * as a launch loads it) for sysloop_paired.  One line per policy and stage:
 *   policy<TAB>stage<TAB>median_ns<TAB>min_ns<TAB>detail
 */
#include "compile/embedded.h"
#include "compile/filter.h"
#include "compile/supervised.h"
#include "policy/policy.h"
#include "syscage.h"

#include <errno.h>
#include <linux/filter.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { ST_LOAD, ST_COMPILE, ST_NOTIFY, ST_LAUNCH, ST_FRESH, NST };
static const char *const stage_names[NST] = {
	"load", "compile", "notify", "launch_path", "fresh_compile",
};

static const char *out_dir; /* -o: write each supervised filter here */

struct subject {
	const char *name;
	char *text; /* generated policy, or NULL */
	size_t len;
	double *t[NST];
	unsigned notify_len, kernel_len, parts;
};

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/*
 * Syscalls of two arguments or more that stdio does not allow: the
 * generated policy includes stdio, so that a program can run under it.
 */
static const char *const gen_names[] = {
	"socket",
	"connect",
	"accept",
	"sendto",
	"recvfrom",
	"sendmsg",
	"recvmsg",
	"shutdown",
	"bind",
	"listen",
	"getsockname",
	"getpeername",
	"socketpair",
	"setsockopt",
	"getsockopt",
	"kill",
	"flock",
	"truncate",
	"ftruncate",
	"rename",
	"mkdir",
	"link",
	"symlink",
	"chmod",
	"fchmod",
	"chown",
	"fchown",
	"lchown",
	"setpgid",
	"setreuid",
	"setregid",
	"setgroups",
	"setresuid",
	"setresgid",
	"utime",
	"mknod",
	"setpriority",
	"sched_setparam",
	"sched_setscheduler",
	"sched_rr_get_interval",
	"mlock",
	"munlock",
	"setrlimit",
	"mkdirat",
	"fchownat",
	"unlinkat",
	"renameat",
	"linkat",
	"symlinkat",
	"fchmodat",
	"splice",
	"tee",
	"utimensat",
	"timerfd_create",
	"accept4",
	"memfd_create",
	"shmget",
	"shmat",
	"shmctl",
	"setitimer",
	"getitimer",
	"wait4",
	"waitid",
	"pidfd_open",
	"pidfd_send_signal",
	"tkill",
	"rt_sigqueueinfo",
	"rt_tgsigqueueinfo",
	"sendmmsg",
	"recvmmsg",
	"sendfile",
	"copy_file_range",
	"fallocate",
	"sync_file_range",
	"inotify_add_watch",
	"inotify_rm_watch",
	"timer_create",
	"timer_settime",
	"timer_gettime",
	"timerfd_settime",
	"timerfd_gettime",
	"setxattr",
	"getxattr",
	"lgetxattr",
	"fgetxattr",
	"listxattr",
	"llistxattr",
	"flistxattr",
	"removexattr",
	"lremovexattr",
	"fremovexattr",
	"fsetxattr",
	"lsetxattr",
	"signalfd",
	"signalfd4",
	"capget",
	"capset",
	"mlock2",
	"name_to_handle_at",
	"open_by_handle_at",
	"migrate_pages",
	"mbind",
	"set_mempolicy",
	"get_mempolicy",
};

/*
 * stdio plus NRULES allow rules with argument conditions, about nine for
 * each syscall: "allow NAME if arg0 == I" (I: the rule's own number), and
 * with NCONDS 2 "... && arg1 & 0xff == J".
 */
static char *
generate(unsigned nrules, unsigned nconds, size_t *len)
{
	size_t cap = 64 + nrules * 80, n = 0;
	size_t nnames = sizeof(gen_names) / sizeof(gen_names[0]);
	char *s = malloc(cap);
	unsigned made = 0;

	if (!s)
		return NULL;
	n += snprintf(s + n, cap - n, "default errno EPERM\ninclude stdio\n");
	for (size_t i = 0; made < nrules; i++) {
		const char *name = gen_names[i % nnames];
		unsigned k = made / nnames;

		/* Distinct values: libseccomp shares identical blocks. */
		n += snprintf(s + n, cap - n, "allow %s if arg0 == %u", name,
			      made + 1);
		if (nconds > 1)
			n += snprintf(s + n, cap - n, " && arg1 & 0xff == %u",
				      (k * 3 + (unsigned)i) & 0xff);
		n += snprintf(s + n, cap - n, "\n");
		made++;
	}
	*len = n;
	return s;
}

static int
load(struct subject *s, struct cage_diags *d, struct cage_policy **pol)
{
	if (s->text)
		return cage_policy_load_buffer(s->name, NULL, s->text, s->len,
					       d, pol);
	return cage_policy_load(s->name, d, pol);
}

/* DIR/NAME.bpf: the supervised filter, as the launch loads it. */
static int
write_program(const char *name, const struct sock_fprog *prog)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	size_t size = prog->len * sizeof(struct sock_filter);
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.bpf", out_dir, base);
	f = fopen(path, "we");
	if (!f || fwrite(prog->filter, 1, size, f) != size || fclose(f))
		return -errno;
	return 0;
}

/* One pass over every stage, as a launch runs them. */
static int
measure(struct subject *s, unsigned rep)
{
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;
	struct cage_filter *kf = NULL, *fresh = NULL;
	struct sock_fprog prog = {0}, kprog = {0};
	double t0, t1, t2, t3, t4, t5;
	int err;

	t0 = now_ns();
	err = load(s, &d, &pol);
	t1 = now_ns();
	/* What a launch does: a built-in's filters come from the binary. */
	if (!err)
		err = cage_filter_for_launch(pol, &d, &kf);
	t2 = now_ns();
	if (!err)
		err = cage_supervised_program(&pol, 1, false, 3, &prog);
	t3 = now_ns();
	if (!err && rep == 0 && out_dir)
		err = write_program(s->name, &prog);
	/* For reference, what the binary spares a built-in: the kernel
	 * filters compiled by libseccomp, then generated as BPF. */
	t4 = now_ns();
	if (!err)
		err = cage_filter_compile(pol, &d, &fresh);
	for (size_t i = 0; !err && i < cage_filter_count(fresh); i++) {
		free(kprog.filter);
		err = cage_filter_program(fresh, i, &kprog);
		if (!err)
			s->kernel_len += rep ? 0 : kprog.len;
	}
	t5 = now_ns();
	if (err) {
		for (size_t i = 0; i < d.n; i++)
			cage_diag_print(&d.v[i], stderr);
		fprintf(stderr, "compile_time: %s: %s\n", s->name,
			strerror(-err));
	} else {
		s->t[ST_LOAD][rep] = t1 - t0;
		s->t[ST_COMPILE][rep] = t2 - t1;
		s->t[ST_NOTIFY][rep] = t3 - t2;
		s->t[ST_LAUNCH][rep] = t3 - t0;
		s->t[ST_FRESH][rep] = t5 - t4;
		s->notify_len = prog.len;
		s->parts = (unsigned)cage_filter_count(kf);
	}
	free(prog.filter);
	free(kprog.filter);
	cage_filter_free(kf);
	cage_filter_free(fresh);
	cage_policy_free(pol);
	cage_diags_free(&d);
	return err;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	unsigned reps = 21, gen = 0, conds = 1;
	const char *gen_file = NULL;
	struct subject *subs;
	size_t n = 0;
	int c;

	while ((c = getopt(argc, argv, "n:g:c:G:o:")) != -1) {
		if (c == 'n')
			reps = (unsigned)atoi(optarg);
		else if (c == 'g')
			gen = (unsigned)atoi(optarg);
		else if (c == 'c')
			conds = (unsigned)atoi(optarg);
		else if (c == 'G')
			gen_file = optarg;
		else if (c == 'o')
			out_dir = optarg;
		else
			return 2;
	}
	if (reps == 0 || (optind == argc && !gen)) {
		fputs("usage: compile_time [-n REPS] [-g RULES [-c 1|2] [-G "
		      "FILE]] "
		      "POLICY...\n",
		      stderr);
		return 2;
	}
	subs = calloc((size_t)(argc - optind) + 1, sizeof(*subs));
	for (int i = optind; i < argc; i++)
		subs[n++].name = argv[i];
	if (gen) {
		static char name[32];

		snprintf(name, sizeof(name), "gen-%ux%u", gen, conds);
		subs[n].name = name;
		subs[n].text = generate(gen, conds, &subs[n].len);
		if (!subs[n].text)
			return 1;
		if (gen_file) {
			FILE *f = fopen(gen_file, "w");

			if (!f ||
			    fwrite(subs[n].text, 1, subs[n].len, f) !=
				    subs[n].len ||
			    fclose(f)) {
				perror(gen_file);
				return 1;
			}
		}
		n++;
	}
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < NST; k++)
			subs[i].t[k] = calloc(reps, sizeof(double));
	/* Interleaved: policy A, B, C, then A, B, C again. */
	for (unsigned r = 0; r < reps; r++)
		for (size_t i = 0; i < n; i++)
			if (measure(&subs[i], r))
				return 1;
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < NST; k++) {
			qsort(subs[i].t[k], reps, sizeof(double), cmp_double);
			printf("%s\t%s\t%.0f\t%.0f\tnotify_insns=%u "
			       "kernel_insns=%u kernel_filters=%u\n",
			       subs[i].name, stage_names[k],
			       subs[i].t[k][reps / 2], subs[i].t[k][0],
			       subs[i].notify_len, subs[i].kernel_len,
			       subs[i].parts);
		}
	return 0;
}
