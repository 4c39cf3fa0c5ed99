// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of --export: the OCI profile, built into one filter as crun builds
 * it, decides every call as syscage's stacked filters do; bpf, pfc (golden
 * files in tests/golden) and systemd say what they should; oci and spo
 * say what a container runtime must make of a private view.
 */
#include "../interop/sim.h"
#include "rule_shapes.h"
#include "syscage.h"
#include "base/syscalls.h"
#include "interop/export_view.h"
#include "interop/oci_runtime.h"
#include "policy_helper.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static void
print_diags(const struct cage_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		cage_diag_print(&d->v[i], stderr);
}

/* FORMAT of POL as text; *ERR the result, DIAGS kept for the caller. */
static char *export(const struct cage_policy *pol, const char *format, int *err,
		    struct cage_diags *d)
{
	int fd = memfd_create("export", MFD_CLOEXEC);
	off_t size;
	char *buf;

	assert_true(fd >= 0);
	*err = cage_policy_export(pol, format, fd, d);
	size = lseek(fd, 0, SEEK_END);
	buf = calloc(1, (size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(pread(fd, buf, (size_t)size, 0), size);
	close(fd);
	return buf;
}

static char *
export_ok(const struct cage_policy *pol, const char *format)
{
	struct cage_diags d = {0};
	char *text;
	int err;

	text = export(pol, format, &err, &d);
	print_diags(&d);
	assert_int_equal(err, 0);
	assert_int_equal(d.errors, 0);
	cage_diags_free(&d);
	return text;
}

/* The profile allows what runc and crun do after loading it. */
static const char *
runtime_call(int nr, const uint64_t args[6], uint32_t stack, uint32_t oci)
{
	(void)stack;
	if (oci == SECCOMP_RET_ALLOW && cage_oci_runtime_allows(nr, args))
		return "the runtime's own call";
	return NULL;
}

/* The profile decides each call as the compiled policy does, but for
 * the runtime's own calls, which it allows. */
static void
check_oci(struct cage_policy *pol)
{
	struct sim stack, oci;
	char *json = export_ok(pol, "oci");
	size_t bad;

	assert_int_equal(sim_from_policy(pol, &stack), 0);
	if (sim_from_oci(json, &oci))
		fail_msg("crun would not build %s's profile:\n%s", pol->name,
			 json);
	bad = sim_compare(pol, &stack, &oci, cage_syscall_max_known(),
			  runtime_call);
	if (bad)
		fail_msg("%zu calls decided differently for %s", bad,
			 pol->name);
	sim_free(&stack);
	sim_free(&oci);
	free(json);
}

static void
test_oci_builtins(void **state)
{
	for (const char *const *n = cage_builtin_names(); *n; n++) {
		struct cage_policy *pol = test_policy_builtin(*n);

		check_oci(pol);
		cage_policy_free(pol);
	}
}

/* The shapes with which test_seccomp proves the filters against
 * decide.c: the profile agrees with the filters on them too. */
static void
test_oci_rule_shapes(void **state)
{
	static const char *const texts[] = {RULE_SHAPES};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct cage_policy *pol = test_policy_text(texts[i]);

		check_oci(pol);
		cage_policy_free(pol);
	}
}

/*
 * Under stdio, what runc and crun do after loading the filter is
 * allowed, with the runtime's arguments only: the rest of prctl and
 * openat is decided as syscage decides it.
 */
static void
test_oci_runtime(void **state)
{
	static const struct {
		const char *name;
		uint64_t args[6];
		bool runtime;
	} calls[] = {
		{"prctl", {PR_CAPBSET_DROP, 5}, true},
		{"prctl", {PR_SET_KEEPCAPS, 1}, true},
		{"prctl", {PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, 3}, true},
		{"prctl", {PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, 3}, false},
		{"prctl", {PR_SET_SECCOMP, 2}, false},
		{"prctl", {PR_SET_NAME}, false},
		{"setgroups", {0}, true},
		{"setresuid", {1000, 1000, 1000}, true},
		{"capset", {0}, true},
		{"openat", {(uint64_t)AT_FDCWD, 0, O_WRONLY | O_CLOEXEC}, true},
		{"openat", {(uint64_t)AT_FDCWD, 0, O_WRONLY}, false},
		{"openat", {(uint64_t)AT_FDCWD, 0, O_RDWR | O_CLOEXEC}, false},
		{"openat", {3, 0, O_WRONLY | O_CLOEXEC}, false},
		{"openat", {(uint64_t)AT_FDCWD, 0, O_RDONLY}, false},
	};
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;
	struct sim stack, oci;
	char *json;

	(void)state;
	assert_int_equal(cage_policy_load("stdio", &d, &pol), 0);
	cage_diags_free(&d);
	json = export_ok(pol, "oci");
	assert_int_equal(sim_from_policy(pol, &stack), 0);
	assert_int_equal(sim_from_oci(json, &oci), 0);
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		int nr = cage_syscall_number(calls[i].name);
		uint32_t ours = sim_run(&stack, nr, calls[i].args);
		uint32_t theirs = sim_run(&oci, nr, calls[i].args);

		assert_int_equal(cage_oci_runtime_allows(nr, calls[i].args),
				 calls[i].runtime);
		if (calls[i].runtime)
			assert_int_equal(theirs, SECCOMP_RET_ALLOW);
		else
			assert_int_equal(theirs, ours);
	}
	assert_non_null(strstr(json, "\"comment\": \"setgroups: runc and "
				     "crun change to the container's user"));
	sim_free(&stack);
	sim_free(&oci);
	free(json);
	cage_policy_free(pol);
}

/* Policies whose rules overlap, where one filter must split them. */
static const char *const tricky[] = {
	"default errno EPERM\nallow ioctl\n"
	"errno EACCES ioctl if arg1 == TIOCSTI\n"
	"kill ioctl if arg1 == TIOCLINUX\n"
	"errno ENOTTY ioctl if arg1 & 0xff00 == 0x5400 && arg0 == 99\n",
	"default kill\nallow read write exit_group\n"
	"allow socket if arg0 < 38\nallow socket if arg0 == 39\n"
	"log socket if arg0 in (AF_UNIX, AF_INET) && arg1 == SOCK_DGRAM\n"
	"errno EAFNOSUPPORT socket if arg0 == AF_PACKET\n",
	"default allow\nerrno EPERM ptrace\n"
	"errno EPERM clone if arg0 & CLONE_NEWUSER == CLONE_NEWUSER\n"
	"kill mmap if arg2 & 7 == 7\ntrap personality if arg0 == 0x400000\n",
	"default errno ENOSYS\nallow getpid\nlog uname\n"
	"allow mmap if arg3 < 0x1000\nerrno EPERM mmap if arg3 <= 0x100 && "
	"arg2 == 7\nallow mremap if arg1 >= 0x1000 && arg2 <= 0x100000\n"
	"errno EPERM mremap if arg1 > 0x8000\n",
	"default log\nkill kexec_load\nerrno EPERM openat if arg2 & 3 == 1\n"
	"allow openat if arg2 & 3 == 0\n",
	"default trap\nallow write if arg0 < 3\nallow write if arg2 > 100\n"
	"errno EBADF write if arg0 == 7\nallow seccomp\n",
};

static void
test_oci_tricky(void **state)
{
	for (size_t i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		struct cage_policy *pol = test_policy_text(tricky[i]);

		check_oci(pol);
		cage_policy_free(pol);
	}
}

/* What runtimes require: no entry with the default action, no syscall
 * both with and without arguments, one architecture. */
static void
test_oci_shape(void **state)
{
	struct cage_policy *pol = test_policy_text(tricky[0]);
	char *json = export_ok(pol, "oci");
	json_object *top = json_tokener_parse(json), *calls, *v;
	bool uncond[1024] = {0}, cond[1024] = {0};

	assert_non_null(top);
	assert_true(json_object_object_get_ex(top, "defaultErrnoRet", &v));
	assert_int_equal(json_object_get_int(v), EPERM);
	assert_true(json_object_object_get_ex(top, "architectures", &v));
	assert_int_equal(json_object_array_length(v), 1);
	assert_string_equal(
		json_object_get_string(json_object_array_get_idx(v, 0)),
		"SCMP_ARCH_X86_64");
	assert_true(json_object_object_get_ex(top, "syscalls", &calls));
	for (size_t i = 0; i < json_object_array_length(calls); i++) {
		json_object *e = json_object_array_get_idx(calls, i), *names;
		bool has_args = json_object_object_get_ex(e, "args", NULL);

		assert_true(json_object_object_get_ex(e, "action", &v));
		if (!strcmp(json_object_get_string(v), "SCMP_ACT_ERRNO")) {
			assert_true(
				json_object_object_get_ex(e, "errnoRet", &v));
			assert_int_not_equal(json_object_get_int(v), EPERM);
		}
		assert_true(json_object_object_get_ex(e, "names", &names));
		for (size_t k = 0; k < json_object_array_length(names); k++) {
			int nr = cage_syscall_number(json_object_get_string(
				json_object_array_get_idx(names, k)));

			assert_in_range(nr, 0, 1023);
			(has_args ? cond : uncond)[nr] = true;
			assert_false(cond[nr] && uncond[nr]);
		}
	}
	json_object_put(top);
	free(json);
	cage_policy_free(pol);
}

static void
test_bpf(void **state)
{
	struct cage_policy *one =
		test_policy_text("default kill\nallow read\n");
	struct cage_policy *two = test_policy_text(tricky[0]);
	struct cage_diags d = {0};
	char *out;
	int err;

	free(export_ok(one, "bpf"));
	free(export_ok(two, "bpf:1"));
	out = export(two, "bpf:2", &err, &d);
	assert_int_equal(err, 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.n, 1); /* bwrap could not load it: a warning */
	assert_non_null(strstr(d.v[0].message, "prctl(PR_SET_SECCOMP"));
	free(out);
	cage_diags_free(&d);
	out = export(two, "bpf", &err, &d);
	assert_int_equal(err, -E2BIG);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.v[0].message, "--add-seccomp-fd"));
	/* tricky[0] denies prctl, with which bwrap loads filter 2 */
	assert_non_null(strstr(d.v[0].message, "PR_SET_SECCOMP"));
	free(out);
	cage_diags_free(&d);
	out = export(two, "bpf:5", &err, &d);
	assert_int_equal(err, -ERANGE);
	free(out);
	cage_diags_free(&d);
	for (const char *const *bad =
		     (const char *const[]){"bpf:0", "bpf:x", "bpf1", "xml",
					   NULL};
	     *bad; bad++) {
		out = export(two, *bad, &err, &d);
		assert_int_equal(err, -EINVAL);
		free(out);
	}
	cage_policy_free(one);
	cage_policy_free(two);
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);
	int c;

	if (!f) {
		fclose(m);
		free(buf);
		return NULL;
	}
	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	fclose(f);
	fclose(m);
	return buf;
}

/* tests/golden/NAME.policy exports to NAME.pfc, byte for byte.  With
 * SYSCAGE_UPDATE_GOLDEN=1 the .pfc files are rewritten instead. */
static void
test_pfc_golden(void **state)
{
	static const char *const names[] = {"kill-default", "arguments",
					    "stacked"};
	const char *srcdir = getenv("SRCDIR");
	char path[4096];

	assert_non_null(srcdir);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct cage_policy *pol;
		char *got, *want;

		snprintf(path, sizeof(path), "%s/tests/golden/%s.policy",
			 srcdir, names[i]);
		pol = test_policy_named(path, NULL);
		got = export_ok(pol, "pfc");
		snprintf(path, sizeof(path), "%s/tests/golden/%s.pfc", srcdir,
			 names[i]);
		if (getenv("SYSCAGE_UPDATE_GOLDEN")) {
			FILE *f = fopen(path, "w");

			assert_non_null(f);
			fputs(got, f);
			fclose(f);
		}
		want = read_file(path);
		if (!want || strcmp(got, want))
			fail_msg("%s differs from --export pfc (rerun with "
				 "SYSCAGE_UPDATE_GOLDEN=1 to see):\n%s",
				 path, got);
		free(got);
		free(want);
		cage_policy_free(pol);
	}
}

static void
expect_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = strstr(text, line); p; p = strstr(p + 1, line))
		if ((p == text || p[-1] == '\n') &&
		    (!p[n] || p[n] == '\n' || p[n] == ' '))
			return;
	fail_msg("no line starting '%s' in:\n%s", line, text);
}

/* A SystemCallFilter= line of TEXT names NAME. */
static bool
filter_lists(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *l = text; l; l = strchr(l, '\n'), l = l ? l + 1 : l) {
		const char *end = l + strcspn(l, "\n"), *p = l + 17;

		if (strncmp(l, "SystemCallFilter=", 17))
			continue;
		for (; p < end; p += strcspn(p, " \n"), p += *p == ' ')
			if (!strncmp(p, name, n) && strchr(" \n", p[n]))
				return true;
	}
	return false;
}

static void
test_systemd(void **state)
{
	struct cage_policy *pol = test_policy_builtin("default");
	char *text;

	text = export_ok(pol, "systemd");
	expect_line(text, "[Service]");
	expect_line(text, "NoNewPrivileges=yes");
	expect_line(text, "SystemCallArchitectures=native");
	expect_line(text, "SystemCallErrorNumber=EPERM");
	expect_line(text, "SystemCallFilter=accept");
	expect_line(text, "RestrictNamespaces=yes");
	expect_line(text, "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 "
			  "AF_NETLINK");
	expect_line(text, "#   errno EPERM ioctl if arg1 == TIOCSTI  -> here: "
			  "allowed always");
	expect_line(text, "#   errno ENOSYS openat2");
	expect_line(text, "# clone3 is listed: RestrictNamespaces=yes answers "
			  "it ENOSYS, as the policy");
	/* default's ptrace (LeakSanitizer's requests) is conditional: by
	 * name the unit would open it all, so it stays out of the list. */
	expect_line(text, "#   allow ptrace if arg0 == 0x10  -> here: denied "
			  "always");
	assert_true(filter_lists(text, "mknodat"));
	assert_false(filter_lists(text, "ptrace"));
	free(text);
	cage_policy_free(pol);

	pol = test_policy_text(
		"default allow\nerrno EPERM ptrace\nkill kexec_load\n"
		"log uname\nerrno EACCES ioctl if arg1 == 1\n");
	text = export_ok(pol, "systemd");
	expect_line(text, "SystemCallFilter=~kexec_load:kill ptrace:EPERM");
	expect_line(text, "SystemCallLog=uname");
	expect_line(text, "#   errno EACCES ioctl if arg1 == 0x1  -> here: "
			  "allowed always");
	assert_null(strstr(text, "SystemCallErrorNumber"));
	free(text);
	cage_policy_free(pol);

	/* The private view: untrusted says 'private all'. */
	pol = test_policy_builtin("untrusted");
	text = export_ok(pol, "systemd");
	expect_line(text, "PrivateTmp=yes");
	expect_line(text, "ProtectHome=tmpfs");
	expect_line(text, "PrivatePIDs=yes");
	expect_line(text, "PrivateIPC=yes");
	expect_line(text, "PrivateDevices=yes");
	expect_line(text, "#   BindPaths=$CWD");
	assert_null(strstr(text, "PrivateNetwork"));
	free(text);
	cage_policy_free(pol);
	pol = test_policy_text("default allow\nnet loopback\n");
	text = export_ok(pol, "systemd");
	expect_line(text, "PrivateNetwork=yes");
	assert_null(strstr(text, "PrivateTmp"));
	free(text);
	cage_policy_free(pol);
	/* ci: loopback only, and what 'fs none' hides. */
	pol = test_policy_builtin("ci");
	text = export_ok(pol, "systemd");
	expect_line(text, "PrivateNetwork=yes");
	expect_line(text, "InaccessiblePaths=-%h/.ssh");
	expect_line(text, "InaccessiblePaths=-/etc/shadow");
	free(text);
	cage_policy_free(pol);
}

/* The notes on POL's private view, as --export prints them. */
static void
expect_view_notes(const char *text, const char *want)
{
	struct cage_policy *pol = test_policy_text(text);
	struct cage_diags d = {0};
	char *got;

	cage_export_view_notes(pol, &d);
	got = test_diags_text(&d);
	if (strcmp(got, want))
		print_error("policy:\n%s\ngot:\n%s\n", text, got);
	assert_string_equal(got, want);
	free(got);
	cage_diags_free(&d);
	cage_policy_free(pol);
}

#define VIEW_INTRO                                                             \
	"t.policy: note: the policy's private view is for the container "      \
	"runtime to make, which the profile cannot carry: run the container "  \
	"as the notes below say\n"
#define BINDS_INTRO                                                            \
	"t.policy: note: fs rules, the view: a read-only root (--read-only) "  \
	"and each path that exists bound at itself, $HOME, $CWD, $CHECKOUT, "  \
	"$TMPDIR and $EXE as a launch would expand them:"

static void
test_oci_view_notes(void **state)
{
	(void)state;
	/* Each private setting, the network, and the fs rules as binds:
	 * one per path, the broadest access; /dev, /proc, $TTY and the
	 * private mount points are the runtime's own. */
	expect_view_notes(
		"default allow\nprivate all gitconfig\nnet loopback\n"
		"fs ro /usr /dev/null /proc $TTY /tmp $HOME $HOME/.cache\n"
		"fs rw $CWD /usr /var/tmp/x ${HOME}\nfs rx $EXE\n"
		"fs none $HOME/.ssh /etc/shadow\n",
		VIEW_INTRO
		"t.policy: note: private tmp: tmpfs mounts at /tmp and "
		"/var/tmp (--tmpfs /tmp --tmpfs /var/tmp) and the runtime's "
		"own /dev/shm (no --ipc=host, no -v /dev/shm)\n"
		"t.policy: note: private home: $HOME an empty tmpfs (--tmpfs "
		"$HOME) and no bind of a home directory or of one above it (no "
		"-v $HOME, -v /home); only the paths under $HOME that fs rules "
		"name are bound in\n"
		"t.policy: note: private pid: the runtime's own PID namespace, "
		"its default: no --pid=host (Kubernetes: no hostPID)\n"
		"t.policy: note: private ipc: the runtime's own IPC namespace, "
		"its default: no --ipc=host (Kubernetes: no hostIPC)\n"
		"t.policy: note: private dev: the runtime's minimal /dev: no "
		"--privileged, no --device\n"
		"t.policy: note: private gitconfig: no bind of the user's git "
		"configuration (~/.gitconfig, ~/.config/git); give git one "
		"without credentials (user.name, user.email) if it needs one\n"
		"t.policy: note: net loopback: --network none (Docker and "
		"Podman give the container lo only; Kubernetes: a "
		"NetworkPolicy that denies all ingress and "
		"egress)\n" BINDS_INTRO
		" -v /usr:/usr:rw -v $HOME/.cache:$HOME/.cache:ro -v "
		"$CWD:$CWD:rw -v /var/tmp/x:/var/tmp/x:rw -v $EXE:$EXE:ro\n"
		"t.policy: note: fs none, hidden over the binds: a directory "
		"by an empty read-only tmpfs (--tmpfs PATH:ro), a file by -v "
		"/dev/null:PATH:ro; the paths: $HOME/.ssh /etc/shadow\n");
	/* 'fs none' makes a mount namespace by itself. */
	expect_view_notes(
		"default allow\nfs none /etc/shadow\nfs ro /usr\n",
		VIEW_INTRO BINDS_INTRO
		" -v /usr:/usr:ro\n"
		"t.policy: note: fs none, hidden over the binds: a "
		"directory by an empty read-only tmpfs (--tmpfs "
		"PATH:ro), a file by -v /dev/null:PATH:ro; the paths: "
		"/etc/shadow\n");
	/* A view without a mount namespace: no binds; 'net none' alone is
	 * no view. */
	expect_view_notes("default allow\nprivate ipc\nnet none\nfs ro /usr\n",
			  VIEW_INTRO
			  "t.policy: note: private ipc: the runtime's own IPC "
			  "namespace, its default: no --ipc=host (Kubernetes: "
			  "no hostIPC)\n"
			  "t.policy: note: net none: --network none (Docker "
			  "and Podman give the container lo only; Kubernetes: "
			  "a NetworkPolicy that denies all ingress and "
			  "egress)\n");
	expect_view_notes("default allow\nnet none\nfs ro /usr\n", "");
	expect_view_notes("default allow\nfs ro /usr\n", "");
	/* Binds past a note's room go on in another. */
	expect_view_notes(
		"default allow\nprivate pid\n"
		"fs ro /a0123456789012345678901234567890123456789 "
		"/b0123456789012345678901234567890123456789 "
		"/c0123456789012345678901234567890123456789 "
		"/d0123456789012345678901234567890123456789 "
		"/e0123456789012345678901234567890123456789\n",
		VIEW_INTRO
		"t.policy: note: private pid: the runtime's own PID namespace, "
		"its default: no --pid=host (Kubernetes: no "
		"hostPID)\n" BINDS_INTRO
		" -v /a0123456789012345678901234567890123456789:"
		"/a0123456789012345678901234567890123456789:ro"
		" -v /b0123456789012345678901234567890123456789:"
		"/b0123456789012345678901234567890123456789:ro"
		" -v /c0123456789012345678901234567890123456789:"
		"/c0123456789012345678901234567890123456789:ro\n"
		"t.policy: note: fs rules, the view (more):"
		" -v /d0123456789012345678901234567890123456789:"
		"/d0123456789012345678901234567890123456789:ro"
		" -v /e0123456789012345678901234567890123456789:"
		"/e0123456789012345678901234567890123456789:ro\n");
}

/* The notes come with oci and spo (whose profiles stay as they were:
 * test_oci_builtins builds untrusted's), not with systemd's own lines. */
static void
test_view_notes_formats(void **state)
{
	static const char *const formats[] = {"oci", "spo:untrusted",
					      "systemd"};
	struct cage_policy *pol = test_policy_builtin("untrusted");

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct cage_diags d = {0};
		char *text, *notes;
		int err;

		text = export(pol, formats[i], &err, &d);
		assert_int_equal(err, 0);
		notes = test_diags_text(&d);
		assert_int_equal(strstr(notes, "note: private tmp: tmpfs") !=
					 NULL,
				 i < 2);
		assert_int_equal(strstr(notes, " -v $CWD:$CWD:rw") != NULL,
				 i < 2);
		free(notes);
		free(text);
		cage_diags_free(&d);
	}
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oci_builtins),
		cmocka_unit_test(test_oci_rule_shapes),
		cmocka_unit_test(test_oci_tricky),
		cmocka_unit_test(test_oci_runtime),
		cmocka_unit_test(test_oci_shape),
		cmocka_unit_test(test_bpf),
		cmocka_unit_test(test_pfc_golden),
		cmocka_unit_test(test_systemd),
		cmocka_unit_test(test_oci_view_notes),
		cmocka_unit_test(test_view_notes_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
