// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of --import: Docker's default profile imports to a policy that
 * decides calls as crun decides them under the profile, and round trips
 * through --export oci; JSON errors come with their line and column.
 */
#include "../interop/sim.h"
#include "syscage.h"
#include "base/syscalls.h"
#include "policy_helper.h"

#include <errno.h>
#include <json-c/json.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);
	int c;

	assert_non_null(f);
	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	fclose(f);
	fclose(m);
	return buf;
}

/* Docker's default profile (moby/profiles, seccomp/default.json). */
static char *
docker_default(void)
{
	const char *src = getenv("SRCDIR");
	char path[4096];

	assert_non_null(src);
	snprintf(path, sizeof(path), "%s/tests/interop/docker-default.json",
		 src);
	return slurp(path);
}

/* Import JSON; *ERR the result, the diagnostics printed into *MSGS. */
static char *
import(const char *json, int *err, char **msgs)
{
	struct cage_diags d = {0};
	char *text = NULL, *m = NULL;
	size_t size = 0, msize = 0;
	FILE *out = open_memstream(&text, &size);
	FILE *mo = open_memstream(&m, &msize);

	*err = cage_import_oci("profile.json", json, strlen(json), out, &d);
	fclose(out);
	for (size_t i = 0; i < d.n; i++)
		cage_diag_print(&d.v[i], mo);
	fclose(mo);
	cage_diags_free(&d);
	if (msgs)
		*msgs = m;
	else
		free(m);
	return text;
}

static struct cage_policy *
import_ok(const char *json, char **text_out)
{
	struct cage_policy *pol;
	char *msgs;
	int err;
	char *text = import(json, &err, &msgs);

	if (err)
		fail_msg("import failed (%d):\n%s", err, msgs);
	free(msgs);
	pol = test_policy_named("imported.policy", text);
	if (text_out)
		*text_out = text;
	else
		free(text);
	return pol;
}

static char *
export_oci(const struct cage_policy *pol)
{
	struct cage_diags d = {0};
	int fd = memfd_create("oci", MFD_CLOEXEC);
	off_t len;
	char *buf;

	assert_int_equal(cage_policy_export(pol, "oci", fd, &d), 0);
	cage_diags_free(&d);
	len = lseek(fd, 0, SEEK_END);
	buf = calloc(1, (size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(pread(fd, buf, (size_t)len, 0), len);
	close(fd);
	return buf;
}

/*
 * What Docker hands the runtime: entries for other capabilities,
 * architectures and kernels removed (Docker flattens before crun sees it).
 */
static char *
flatten(const char *json)
{
	json_object *top = json_tokener_parse(json), *calls, *keep;
	struct utsname u;
	unsigned kmaj = 0, kmin = 0;
	char *out;

	assert_non_null(top);
	uname(&u);
	sscanf(u.release, "%u.%u", &kmaj, &kmin);
	keep = json_object_new_array();
	assert_true(json_object_object_get_ex(top, "syscalls", &calls));
	for (size_t i = 0; i < json_object_array_length(calls); i++) {
		json_object *e = json_object_array_get_idx(calls, i), *inc,
			    *exc, *v;
		bool drop = false;
		unsigned maj, min;

		if (json_object_object_get_ex(e, "includes", &inc)) {
			drop |= json_object_object_get_ex(inc, "caps", &v);
			if (json_object_object_get_ex(inc, "arches", &v))
				drop |= !strstr(json_object_to_json_string(v),
						"\"amd64\"");
			if (json_object_object_get_ex(inc, "minKernel", &v) &&
			    sscanf(json_object_get_string(v), "%u.%u", &maj,
				   &min) == 2)
				drop |= maj > kmaj ||
					(maj == kmaj && min > kmin);
		}
		if (json_object_object_get_ex(e, "excludes", &exc) &&
		    json_object_object_get_ex(exc, "arches", &v))
			drop |= !!strstr(json_object_to_json_string(v),
					 "\"amd64\"");
		if (!drop)
			json_object_array_add(keep, json_object_get(e));
	}
	json_object_object_add(top, "syscalls", keep);
	out = strdup(
		json_object_to_json_string_ext(top, JSON_C_TO_STRING_PLAIN));
	json_object_put(top);
	return out;
}

/*
 * Docker compares socket's family and personality's persona on 64 bits,
 * which the kernel reads as 32: the import compares the low 32 bits, so
 * a call with high bits set may be decided differently, as it should be.
 */
static const char *
high_bits(int nr, const uint64_t args[6], uint32_t a, uint32_t b)
{
	if ((nr == cage_syscall_number("socket") ||
	     nr == cage_syscall_number("personality")) &&
	    (args[0] >> 32))
		return "32-bit argument";
	return NULL;
}

static void
test_docker_default(void **state)
{
	char *json = docker_default(), *flat = flatten(json), *text, *again;
	struct cage_policy *pol = import_ok(json, &text), *pol2;
	struct sim docker, ours, exported, ours2;
	size_t bad;

	assert_int_equal(sim_from_oci(flat, &docker), 0);
	assert_int_equal(sim_from_policy(pol, &ours), 0);
	bad = sim_compare(pol, &docker, &ours, cage_syscall_max_known(),
			  high_bits);
	assert_int_equal(bad, 0);
	/* import, export, import again: the same decisions every time */
	again = export_oci(pol);
	assert_int_equal(sim_from_oci(again, &exported), 0);
	assert_int_equal(sim_compare(pol, &ours, &exported,
				     cage_syscall_max_known(), NULL),
			 0);
	pol2 = import_ok(again, NULL);
	assert_int_equal(sim_from_policy(pol2, &ours2), 0);
	assert_int_equal(
		sim_compare(pol, &ours, &ours2, cage_syscall_max_known(), NULL),
		0);
	assert_non_null(strstr(text, "# not applied: needs CAP_SYS_ADMIN"));
	assert_non_null(strstr(text, "\nerrno ENOSYS clone3\n"));
	assert_non_null(
		strstr(text, "\nallow clone if arg0 & 0x7e020000 == 0\n"));
	sim_free(&docker);
	sim_free(&ours);
	sim_free(&exported);
	sim_free(&ours2);
	cage_policy_free(pol);
	cage_policy_free(pol2);
	free(json);
	free(flat);
	free(text);
	free(again);
}

/* The profile as crun applies it, and the imported policy: the same. */
/*
 * SCMP_ACT_TRACE with no tracer attached is ENOSYS; syscage lets every
 * policy add seccomp filters of its own (they only ever restrict).
 */
static const char *
expected(int nr, const uint64_t args[6], uint32_t a, uint32_t b)
{
	if ((a & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_TRACE &&
	    b == (SECCOMP_RET_ERRNO | ENOSYS))
		return "no tracer";
	if (nr == cage_syscall_number("seccomp") &&
	    (uint32_t)args[0] == SECCOMP_SET_MODE_FILTER &&
	    b == SECCOMP_RET_ALLOW)
		return "stacking";
	return NULL;
}

static void
same_as_crun(const char *json)
{
	struct cage_policy *pol = import_ok(json, NULL);
	struct sim crun, ours;

	assert_int_equal(sim_from_oci(json, &crun), 0);
	assert_int_equal(sim_from_policy(pol, &ours), 0);
	assert_int_equal(sim_compare(pol, &crun, &ours,
				     cage_syscall_max_known(), expected),
			 0);
	sim_free(&crun);
	sim_free(&ours);
	cage_policy_free(pol);
}

/* What libseccomp does with rules that meet, and what runtimes skip. */
static void
test_runtime_semantics(void **state)
{
	static const char profile[] =
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
		"{\"names\": [\"read\", \"write\", \"getpid\"], "
		"\"action\": \"SCMP_ACT_ALLOW\"},\n"
		"{\"names\": [\"write\"], \"action\": \"SCMP_ACT_ERRNO\", "
		"\"errnoRet\": 9, \"args\": [{\"index\": 0, \"value\": 2, "
		"\"op\": \"SCMP_CMP_EQ\"}]},\n"
		"{\"names\": [\"getpid\"], \"action\": \"SCMP_ACT_KILL\"},\n"
		"{\"names\": [\"close\"], \"action\": \"SCMP_ACT_ERRNO\"},\n"
		"{\"names\": [\"no_such_call\", \"uname\"], "
		"\"action\": \"SCMP_ACT_LOG\"},\n"
		"{\"names\": [\"ptrace\"], \"action\": \"SCMP_ACT_TRACE\"},\n"
		"{\"names\": [\"mmap\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"args\": [{\"index\": 2, \"value\": 4, \"op\": "
		"\"SCMP_CMP_LE\"}, {\"index\": 3, \"value\": 34, \"valueTwo\": "
		"34, \"op\": \"SCMP_CMP_MASKED_EQ\"}]},\n"
		"{\"names\": [\"kill\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"args\": [{\"index\": 1, \"value\": 9, \"op\": "
		"\"SCMP_CMP_NE\"}]}\n"
		"]}\n";
	char *text;
	struct cage_policy *pol = import_ok(profile, &text);

	assert_non_null(strstr(text, "# dropped, as libseccomp drops "
				     "conditions once a rule without "
				     "arguments names the syscall: write"));
	assert_non_null(strstr(text, "# left to an earlier entry"));
	assert_non_null(strstr(text, "the default's own action"));
	assert_non_null(strstr(text, "skipped as runc and crun skip them: "
				     "no_such_call"));
	assert_non_null(strstr(text, "\nerrno ENOSYS ptrace\n"));
	assert_non_null(strstr(text, "\nlog uname\n"));
	cage_policy_free(pol);
	free(text);
	same_as_crun(profile);
}

static void
test_flatten(void **state)
{
	static const char profile[] =
		"{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", "
		"\"architectures\": [\"SCMP_ARCH_X86_64\"], \"syscalls\": [\n"
		"{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"minKernel\": \"3.10\"}},\n"
		"{\"names\": [\"write\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"minKernel\": \"99.0\"}},\n"
		"{\"names\": [\"close\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"excludes\": {\"minKernel\": \"3.10\"}},\n"
		"{\"names\": [\"mount\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}},\n"
		"{\"names\": [\"dup\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}},\n"
		"{\"names\": [\"dup2\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"arches\": [\"arm64\"]}},\n"
		"{\"names\": [\"dup3\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"arches\": [\"amd64\", \"x32\"]}},\n"
		"{\"names\": [\"pipe\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"excludes\": {\"arches\": [\"amd64\"]}}\n"
		"]}\n";
	char *text;
	struct cage_policy *pol = import_ok(profile, &text);

	assert_non_null(strstr(text, "\nallow read\n"));
	assert_non_null(strstr(text, "needs Linux 99.0"));
	assert_non_null(strstr(text, "not for Linux 3.10"));
	assert_non_null(strstr(text, "needs CAP_SYS_ADMIN"));
	assert_non_null(strstr(text, "\nallow dup\n"));
	assert_non_null(strstr(text, "only for arm64"));
	assert_non_null(strstr(text, "\nallow dup3\n"));
	assert_non_null(strstr(text, "not for amd64"));
	assert_non_null(strstr(text, "\ndefault kill\n"));
	cage_policy_free(pol);
	free(text);
}

/* The exact diagnostics, as syscage prints them. */
static void
expect_error(const char *json, const char *want)
{
	char *msgs;
	int err;
	char *text = import(json, &err, &msgs);

	assert_int_equal(err, -EINVAL);
	if (strcmp(msgs, want)) {
		/* fail_msg cuts long text short */
		fprintf(stderr, "got:\n%s\nwant:\n%s", msgs, want);
		fail();
	}
	free(msgs);
	free(text);
}

static void
test_errors(void **state)
{
	expect_error("{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		     "\t\"syscalls\": [ { \"names\": [\"read\"], },\n\t]\n}\n",
		     "profile.json:3:37: error: unexpected character\n"
		     "\t\"syscalls\": [ { \"names\": [\"read\"], },\n"
		     "\t                                   ^\n");
	expect_error("{\"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		     " \"syscalls\": [\n",
		     "profile.json:2:15: error: the file ends inside a JSON "
		     "value\n \"syscalls\": [\n              ^\n");
	expect_error("", "profile.json:1:1: error: the file ends inside a "
			 "JSON value\n\n^\n");
	expect_error("{\"defaultAction\": \"SCMP_ACT_ALLOW\"} x\n",
		     "profile.json:1:37: error: text after the JSON value\n"
		     "{\"defaultAction\": \"SCMP_ACT_ALLOW\"} x\n"
		     "                                    ^\n");
	expect_error("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": "
		     "[\n  {\"names\": [\"read\"], \"action\": "
		     "\"SCMP_ACT_ALOW\"}\n]}\n",
		     "profile.json:2:33: error: syscalls[0].action: "
		     "'SCMP_ACT_ALOW' is not an action syscage can enforce "
		     "(SCMP_ACT_ALLOW, _ERRNO, _KILL_PROCESS, ...)\n"
		     "  {\"names\": [\"read\"], \"action\": "
		     "\"SCMP_ACT_ALOW\"}\n"
		     "                                ^~~~~~~~~~~~~~~\n");
	expect_error(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\n"
		"  \"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
		"  \"args\": [{\"index\": 6, \"op\": \"SCMP_CMP_EQ\"},\n"
		"           {\"index\": 1, \"op\": \"SCMP_CMP_EQUAL\"}]}]}\n",
		"profile.json:3:22: error: syscalls[0].args[0].index: "
		"expected a number from 0 to 5\n"
		"  \"args\": [{\"index\": 6, \"op\": \"SCMP_CMP_EQ\"},\n"
		"                     ^\n"
		"profile.json:4:31: error: syscalls[0].args[1].op: "
		"unknown operator 'SCMP_CMP_EQUAL': expected SCMP_CMP_EQ, "
		"_NE, _LT, _LE, _GT, _GE or _MASKED_EQ\n"
		"           {\"index\": 1, \"op\": \"SCMP_CMP_EQUAL\"}]}]}\n"
		"                              ^~~~~~~~~~~~~~~~\n");
	expect_error("{\"syscalls\": []}",
		     "profile.json:1:1: error: no 'defaultAction'\n"
		     "{\"syscalls\": []}\n^\n");
	expect_error("{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
		     "\"syscalls\": [{\"names\": \"read\",\n"
		     "              \"action\": \"SCMP_ACT_ALLOW\", "
		     "\"errnoRet\": 1}],\n"
		     "\"listenerPath\": \"/run/x\"}\n",
		     "profile.json:4:1: warning: listenerPath: not used: "
		     "syscage has no seccomp listener to hand calls to, nor "
		     "flags to set\n"
		     "\"listenerPath\": \"/run/x\"}\n"
		     "^~~~~~~~~~~~~~\n"
		     "profile.json:2:24: error: syscalls[0].names: expected "
		     "an array\n"
		     "\"syscalls\": [{\"names\": \"read\",\n"
		     "                       ^~~~~~\n"
		     "profile.json:3:25: error: syscalls[0].action: "
		     "'SCMP_ACT_ALLOW' with 'errnoRet': only SCMP_ACT_ERRNO "
		     "takes an errno\n"
		     "              \"action\": \"SCMP_ACT_ALLOW\", "
		     "\"errnoRet\": 1}],\n"
		     "                        ^~~~~~~~~~~~~~~~\n");
}

/*
 * Docker refuses "name" beside "names", and "architectures" beside
 * "archMap"; keeping one silently would drop the other's rules.
 */
static void
test_both_spellings(void **state)
{
	char *msgs, *text;
	int err;

	(void)state;
	expect_error("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [\n"
		     "  {\"names\": [\"fchmod\"], \"name\": \"chmod\",\n"
		     "   \"action\": \"SCMP_ACT_ERRNO\"}]}\n",
		     "profile.json:2:25: error: syscalls[0].name: both 'name' "
		     "and 'names': use either 'name' or 'names' (Docker "
		     "refuses the profile)\n"
		     "  {\"names\": [\"fchmod\"], \"name\": \"chmod\",\n"
		     "                        ^~~~~~\n");
	expect_error(
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
		" \"architectures\": [\"SCMP_ARCH_X86_64\"],\n"
		" \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}\n",
		"profile.json:3:2: error: archMap: both 'architectures' "
		"and 'archMap': use either 'architectures' or 'archMap' "
		"(Docker refuses the profile)\n"
		" \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}\n"
		" ^~~~~~~~~\n");
	/* As Docker: an empty one beside the other is no conflict, and
	 * "name" beside an empty "names" still names the call. */
	text = import("{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
		      " \"architectures\": [], \"archMap\": [],\n"
		      " \"syscalls\": [{\"name\": \"chmod\", \"names\": [],\n"
		      "   \"action\": \"SCMP_ACT_ERRNO\"},\n"
		      "  {\"name\": \"\", \"names\": [\"fchmod\"],\n"
		      "   \"action\": \"SCMP_ACT_ERRNO\"}]}\n",
		      &err, &msgs);
	assert_int_equal(err, 0);
	assert_non_null(text);
	assert_non_null(strstr(text, "\nerrno EPERM chmod\n"));
	assert_non_null(strstr(text, "\nerrno EPERM fchmod\n"));
	free(msgs);
	free(text);
}

/* TEXT has no line that starts with WORD: only comments quote the profile. */
static void
no_statement(const char *text, const char *word)
{
	char want[64];

	snprintf(want, sizeof(want), "\n%s", word);
	if (strstr(text, want))
		fail_msg("a '%s' line came from the profile:\n%s", word, text);
}

/*
 * Strings of the profile written into the policy (comments, versions,
 * capability and architecture names, the file's name) are escaped: no
 * line break ends the comment.  Names that are not system call names are
 * errors at their place, and no message carries a raw byte of the profile.
 */
static void
test_hostile_text(void **state)
{
	static const char forged[] =
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
		"{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"comment\": \"c\\nallow mount\"},\n"
		"{\"names\": [\"write\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"comment\": \"basic io\\r\\nfs rw /\\u001b[2J\\u2028x\"},\n"
		"{\"names\": [\"close\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"caps\": [\"CAP_X\\nallow ptrace\"]}},\n"
		"{\"names\": [\"dup\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"excludes\": {\"minKernel\": \"1\\nallow bpf\"}},\n"
		"{\"names\": [\"dup2\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"arches\": [\"arm64\\nallow kexec_load\"]}}\n"
		"]}\n";
	struct cage_diags d = {0};
	char *text = NULL, *msgs;
	size_t size = 0;
	FILE *out;
	int err;
	struct cage_policy *pol = import_ok(forged, &text);

	(void)state;
	assert_non_null(strstr(text, "\n# syscalls[0]: c\\nallow mount\n"));
	assert_non_null(strstr(text, "\n# syscalls[1]: basic io\\r\\nfs rw "
				     "/\\x1b[2J\\u2028x\n"));
	assert_non_null(strstr(text, "# not applied: needs CAP_X\\nallow "
				     "ptrace, and syscage drops every "
				     "capability:\n"));
	assert_non_null(strstr(text, "# not applied: not for Linux 1\\nallow "
				     "bpf, and this is "));
	assert_non_null(strstr(text, "# not applied: only for arm64\\nallow "
				     "kexec_load:\n"));
	no_statement(text, "allow mount");
	no_statement(text, "fs");
	no_statement(text, "allow ptrace");
	no_statement(text, "allow bpf");
	no_statement(text, "allow kexec_load");
	assert_null(strchr(text, '\x1b'));
	assert_null(strchr(text, '\r'));
	cage_policy_free(pol);
	free(text);

	/* The profile's file name, in the header. */
	out = open_memstream(&text, &size);
	err = cage_import_oci("p\nallow ptrace\x1b[2J.json",
			      "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}", 35,
			      out, &d);
	fclose(out);
	assert_int_equal(err, 0);
	assert_non_null(strstr(text, "\n#   p\\nallow ptrace\\x1b[2J.json\n"));
	no_statement(text, "allow ptrace");
	cage_diags_free(&d);
	free(text);

	/* Names: only what a system call can be called. */
	expect_error("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
		     "{\"names\": [\"write\", \"nosuchcall\\nallow ptrace\"], "
		     "\"action\": \"SCMP_ACT_ALLOW\"},\n"
		     "{\"name\": \"read\\u001b[2J\", "
		     "\"action\": \"SCMP_ACT_ALLOW\"},\n"
		     "{\"names\": [\"\", \"Read\", \"a b\"], "
		     "\"action\": \"SCMP_ACT_LOG\"}]}\n",
		     "profile.json:2:21: error: syscalls[0].names[1]: not a "
		     "system call name: expected lower-case letters, digits "
		     "and '_'\n"
		     "{\"names\": [\"write\", \"nosuchcall\\nallow ptrace\"], "
		     "\"action\": \"SCMP_ACT_ALLOW\"},\n"
		     "                    ^~~~~~~~~~~~~~~~~~~~~~~~~~\n"
		     "profile.json:3:10: error: syscalls[1].name: not a system "
		     "call name: expected lower-case letters, digits and '_'\n"
		     "{\"name\": \"read\\u001b[2J\", \"action\": "
		     "\"SCMP_ACT_ALLOW\"},\n"
		     "         ^~~~~~~~~~~~~~~\n"
		     "profile.json:4:12: error: syscalls[2].names[0]: not a "
		     "system call name: expected lower-case letters, digits "
		     "and '_'\n"
		     "{\"names\": [\"\", \"Read\", \"a b\"], \"action\": "
		     "\"SCMP_ACT_LOG\"}]}\n"
		     "           ^~\n"
		     "profile.json:4:16: error: syscalls[2].names[1]: not a "
		     "system call name: expected lower-case letters, digits "
		     "and '_'\n"
		     "{\"names\": [\"\", \"Read\", \"a b\"], \"action\": "
		     "\"SCMP_ACT_LOG\"}]}\n"
		     "               ^~~~~~\n"
		     "profile.json:4:24: error: syscalls[2].names[2]: not a "
		     "system call name: expected lower-case letters, digits "
		     "and '_'\n"
		     "{\"names\": [\"\", \"Read\", \"a b\"], \"action\": "
		     "\"SCMP_ACT_LOG\"}]}\n"
		     "                       ^~~~~\n");
	/*
	 * Keys and values quoted in messages: escaped, never raw.  A source
	 * line with a byte to escape is shown escaped whole (its backslashes
	 * too), and the caret counted on what is shown.
	 */
	expect_error("{\"defaultAction\": \"SCMP_ACT_\\u001b[2J\\nsyscage: "
		     "x\", \"k\xe2\x80\xae\": 1}\n",
		     "profile.json:1:53: warning: k\\u202e: unknown key, "
		     "ignored\n"
		     "{\"defaultAction\": \"SCMP_ACT_\\\\u001b[2J\\\\nsyscage: "
		     "x\", \"k\\u202e\": 1}\n"
		     "                                                      "
		     "^~~~~~~~~\n"
		     "profile.json:1:19: error: defaultAction: "
		     "'SCMP_ACT_\\x1b[2J\\nsyscage: x' is not an action "
		     "syscage can enforce (SCMP_ACT_ALLOW, _ERRNO, "
		     "_KILL_PROCESS, ...)\n"
		     "{\"defaultAction\": \"SCMP_ACT_\\\\u001b[2J\\\\nsyscage: "
		     "x\", \"k\\u202e\": 1}\n"
		     "                  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
	text = import(
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"x\\u001b\": 1}",
		&err, &msgs);
	assert_null(strchr(msgs, '\x1b'));
	free(msgs);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docker_default),
		cmocka_unit_test(test_runtime_semantics),
		cmocka_unit_test(test_flatten),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_both_spellings),
		cmocka_unit_test(test_hostile_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
