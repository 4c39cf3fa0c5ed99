// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Events for the caller: a call the supervisor saw, with its arguments
 * decoded (constants by name, strings read from the target for display
 * only, never for a decision), the rule that decided, and the one policy
 * line that would allow it.
 */
#include "base/consts.h"
#include "policy/decide.h"
#include "supervise/report.h"
#include "base/syscalls.h"
#include "base/text_escape.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

enum kind {
	K_INT,
	K_HEX,
	K_FD,
	K_PATH,
	K_OFLAGS,
	K_AF,
	K_SOCK,
	K_IOCTL,
	K_CLONE,
	K_PROT,
	K_PRCTL,
	K_SIG,
	K_MODE
};

struct decoder {
	const char *name;
	unsigned char nargs;
	unsigned char kind[6];
};

/* The calls people ask about; others print their arguments in hex. */
static const struct decoder decoders[] = {
	{"open", 3, {K_PATH, K_OFLAGS, K_MODE}},
	{"openat", 4, {K_FD, K_PATH, K_OFLAGS, K_MODE}},
	{"creat", 2, {K_PATH, K_MODE}},
	{"execve", 1, {K_PATH}},
	{"execveat", 2, {K_FD, K_PATH}},
	{"unlink", 1, {K_PATH}},
	{"unlinkat", 2, {K_FD, K_PATH}},
	{"mkdir", 2, {K_PATH, K_MODE}},
	{"chdir", 1, {K_PATH}},
	{"mount", 3, {K_PATH, K_PATH, K_PATH}},
	{"socket", 3, {K_AF, K_SOCK, K_INT}},
	{"socketpair", 2, {K_AF, K_SOCK}},
	{"connect", 1, {K_INT}},
	{"ioctl", 2, {K_INT, K_IOCTL}},
	{"clone", 1, {K_CLONE}},
	{"unshare", 1, {K_CLONE}},
	{"setns", 2, {K_INT, K_CLONE}},
	{"mmap", 4, {K_HEX, K_INT, K_PROT, K_HEX}},
	{"mprotect", 3, {K_HEX, K_INT, K_PROT}},
	{"prctl", 2, {K_PRCTL, K_HEX}},
	{"kill", 2, {K_INT, K_SIG}},
	{"tgkill", 3, {K_INT, K_INT, K_SIG}},
	{"ptrace", 2, {K_INT, K_INT}},
	{"personality", 1, {K_HEX}},
	{"getpid", 0, {0}},
};

static const struct decoder *
find_decoder(const char *name)
{
	for (size_t i = 0; name && i < sizeof(decoders) / sizeof(*decoders);
	     i++)
		if (!strcmp(decoders[i].name, name))
			return &decoders[i];
	return NULL;
}

struct lookup {
	const char *prefix;
	uint64_t value;
	const char *found;
};

static void
match_exact(const char *name, void *ctx)
{
	struct lookup *l = ctx;
	uint64_t v;

	if (l->found || strncmp(name, l->prefix, strlen(l->prefix)))
		return;
	if (cage_const_lookup(name, &v) == 0 && v == l->value)
		l->found = name;
}

/* The first constant named PREFIX* with VALUE, or NULL. */
static const char *
const_name(const char *prefix, uint64_t value)
{
	struct lookup l = {prefix, value, NULL};

	cage_const_foreach(match_exact, &l);
	return l.found;
}

struct flags {
	const char *prefix;
	uint64_t left;
	char *out;
	size_t size;
};

static void
match_bit(const char *name, void *ctx)
{
	struct flags *f = ctx;
	size_t n = strlen(f->out);
	uint64_t v;

	if (strncmp(name, f->prefix, strlen(f->prefix)) ||
	    cage_const_lookup(name, &v) < 0 || !v || (v & (v - 1)) ||
	    !(f->left & v))
		return;
	snprintf(f->out + n, f->size - n, "%s%s", n ? "|" : "", name);
	f->left &= ~v;
}

static void
print_flags(char *out, size_t size, const char *prefix, uint64_t value,
	    const char *zero)
{
	struct flags f = {prefix, value, out, size};
	size_t n;

	out[0] = '\0';
	cage_const_foreach(match_bit, &f);
	n = strlen(out);
	if (f.left || !n)
		snprintf(out + n, size - n, "%s%#llx", n ? "|" : "",
			 (unsigned long long)f.left);
	if (!value && zero)
		snprintf(out, size, "%s", zero);
}

/*
 * A string from the target's memory, for the report only, escaped
 * (cage_text_escape): the target chooses every byte of it.  At most
 * STRING_SHOWN characters, so that three of them fit a call.
 */
#define STRING_SHOWN 150

static void
print_string(char *out, size_t size, int pid, uint64_t addr)
{
	char buf[128], shown[STRING_SHOWN + 1];
	struct iovec local = {buf, sizeof(buf) - 1};
	struct iovec remote = {(void *)(uintptr_t)addr, sizeof(buf) - 1};
	/* pid 0: the caller's number is no longer known to be its own. */
	ssize_t n = addr && pid > 0
			    ? process_vm_readv(pid, &local, 1, &remote, 1, 0)
			    : -1;
	size_t len;
	bool whole;

	if (n <= 0) {
		snprintf(out, size, "%#llx", (unsigned long long)addr);
		return;
	}
	len = strnlen(buf, (size_t)n);
	whole = cage_text_escape(shown, sizeof(shown), buf, len,
				 CAGE_ESC_QUOTE);
	snprintf(out, size, "\"%s\"%s", shown,
		 whole && len < (size_t)n ? "" : "...");
}

/* open(2) flags: the access mode, then the other flags by name. */
static void
print_oflags(char *out, size_t size, uint32_t v32)
{
	const char *acc[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "3"};
	char rest[160];

	print_flags(rest, sizeof(rest), "O_", v32 & ~3u, NULL);
	snprintf(out, size, "%s%s%s", acc[v32 & 3], (v32 & ~3u) ? "|" : "",
		 (v32 & ~3u) ? rest : "");
}

/* clone(2) flags, and the exit signal in the low byte. */
static void
print_clone(char *out, size_t size, uint64_t v)
{
	print_flags(out, size, "CLONE_", v & ~0xffull, "0");
	if (v & 0xff) {
		size_t n = strlen(out);
		const char *sig = const_name("SIG", v & 0xff);

		snprintf(out + n, size - n, "|%s", sig ? sig : "?");
	}
}

/* A socket type, and SOCK_NONBLOCK / SOCK_CLOEXEC. */
static void
print_socktype(char *out, size_t size, uint32_t v32)
{
	static const char *const types[] = {
		NULL,	     "SOCK_STREAM", "SOCK_DGRAM",
		"SOCK_RAW",  "SOCK_RDM",    "SOCK_SEQPACKET",
		"SOCK_DCCP", NULL,	    NULL,
		NULL,	     "SOCK_PACKET"};
	const char *name = (v32 & 0xf) < 11 ? types[v32 & 0xf] : NULL;
	char fl[64];

	print_flags(fl, sizeof(fl), "SOCK_", v32 & ~0xfu, NULL);
	snprintf(out, size, "%s%s%s", name ? name : "?",
		 (v32 & ~0xfu) ? "|" : "", (v32 & ~0xfu) ? fl : "");
}

static void
print_arg(char *out, size_t size, enum kind k, int pid, uint64_t v)
{
	const char *name = NULL;
	uint32_t v32 = (uint32_t)v;

	switch (k) {
	case K_INT:
		snprintf(out, size, "%lld", (long long)v);
		return;
	case K_FD:
		if ((int32_t)v32 == -100) {
			snprintf(out, size, "AT_FDCWD");
			return;
		}
		snprintf(out, size, "%d", (int32_t)v32);
		return;
	case K_PATH:
		print_string(out, size, pid, v);
		return;
	case K_OFLAGS:
		print_oflags(out, size, v32);
		return;
	case K_CLONE:
		print_clone(out, size, v);
		return;
	case K_PROT:
		print_flags(out, size, "PROT_", v32, "PROT_NONE");
		return;
	case K_AF:
		name = const_name("AF_", v32);
		break;
	case K_SOCK:
		print_socktype(out, size, v32);
		return;
	case K_IOCTL:
		name = const_name("TIOC", v32);
		if (!name)
			name = const_name("TC", v32);
		if (!name)
			name = const_name("FIO", v32);
		break;
	case K_PRCTL:
		name = const_name("PR_", v32);
		break;
	case K_SIG:
		name = const_name("SIG", v32);
		break;
	case K_MODE:
		snprintf(out, size, "%#o", v32);
		return;
	case K_HEX:
		break;
	}
	if (name)
		snprintf(out, size, "%s", name);
	else
		snprintf(out, size, "%#llx", (unsigned long long)v);
}

void
cage_report_call(char *out, size_t size, int pid, const char *name,
		 const uint64_t args[6])
{
	const struct decoder *d = find_decoder(name);
	unsigned nargs = d ? d->nargs : 3;
	size_t n;

	snprintf(out, size, "%s(", name ? name : "syscall");
	for (unsigned i = 0; i < nargs; i++) {
		char arg[192];

		print_arg(arg, sizeof(arg), d ? d->kind[i] : K_HEX, pid,
			  args[i]);
		n = strlen(out);
		snprintf(out + n, size - n, "%s%s", i ? ", " : "", arg);
	}
	if (!d)
		snprintf(out + strlen(out), size - strlen(out), ", ...");
	n = strlen(out);
	snprintf(out + n, size - n, ")");
}

/* A constant's name where the argument has named values, else hex. */
static const char *
value_name(const char *sys, unsigned arg, uint64_t v)
{
	static char buf[64];
	const struct decoder *d = find_decoder(sys);
	enum kind k = d && arg < d->nargs ? d->kind[arg] : K_HEX;

	if (k == K_AF || k == K_IOCTL || k == K_PRCTL || k == K_SIG) {
		print_arg(buf, sizeof(buf), k, 0, v);
		if (strncmp(buf, "0x", 2))
			return buf;
	}
	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
	return buf;
}

/*
 * The line that would allow the call: plain when the syscall has no
 * conditions, else the deciding rule's comparisons with this call's
 * values, so the suggestion is as narrow as the policy's own style.
 */
void
cage_report_allow(char *out, size_t size, const char *name,
		  const struct cage_rule *rule, const uint64_t args[6])
{
	size_t n;

	snprintf(out, size, "allow %s", name ? name : "?");
	if (!rule || !rule->ncmps)
		return;
	for (unsigned i = 0; i < rule->ncmps; i++) {
		const struct cage_cmp *c = &rule->cmps[i];
		uint64_t v = args[c->arg];

		n = strlen(out);
		if (c->op == CAGE_OP_MASKED_EQ && c->mask != 0xffffffffu)
			snprintf(out + n, size - n, "%s arg%u & %#llx == %#llx",
				 i ? " &&" : " if", c->arg,
				 (unsigned long long)c->mask,
				 (unsigned long long)(v & c->mask));
		else
			snprintf(out + n, size - n, "%s arg%u == %s",
				 i ? " &&" : " if", c->arg,
				 value_name(name, c->arg,
					    c->op == CAGE_OP_MASKED_EQ
						    ? (v & c->mask)
						    : v));
	}
}

void
cage_report_comm(int pid, char comm[16])
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	comm[0] = '\0';
	if (pid <= 0)
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, comm, 15);
	close(fd);
	if (n <= 0)
		n = 0;
	comm[n] = '\0';
	if (n && comm[n - 1] == '\n')
		comm[n - 1] = '\0';
}
