// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Events for the caller: a call the supervisor saw, with its arguments
 * decoded (constants by name, strings read from the target for display
 * only, never for a decision) and the rule that decided; the line that
 * would allow it is advise.c's.
 */
#include "base/argnames.h"
#include "base/syscall_args.h"
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
	K_MODE,
	K_NAMED /* by the names argnames.c gives the argument */
};

struct decoder {
	const char *name;
	unsigned char nargs;
	unsigned char kind[6];
};

/* The calls people ask about; others print their arguments in hex. */
static const struct decoder decoders[] = {
	{"open", 3, {K_PATH, K_NAMED, K_MODE}},
	{"openat", 4, {K_FD, K_PATH, K_NAMED, K_MODE}},
	{"creat", 2, {K_PATH, K_MODE}},
	{"execve", 1, {K_PATH}},
	{"execveat", 2, {K_FD, K_PATH}},
	{"unlink", 1, {K_PATH}},
	{"unlinkat", 2, {K_FD, K_PATH}},
	{"mkdir", 2, {K_PATH, K_MODE}},
	{"chdir", 1, {K_PATH}},
	{"mount", 3, {K_PATH, K_PATH, K_PATH}},
	{"socket", 3, {K_NAMED, K_NAMED, K_NAMED}},
	{"fcntl", 3, {K_FD, K_NAMED, K_NAMED}},
	{"socketpair", 2, {K_NAMED, K_NAMED}},
	{"connect", 1, {K_INT}},
	{"ioctl", 2, {K_INT, K_NAMED}},
	{"clone", 1, {K_NAMED}},
	{"unshare", 1, {K_NAMED}},
	{"setns", 2, {K_INT, K_NAMED}},
	{"mmap", 4, {K_HEX, K_INT, K_NAMED, K_HEX}},
	{"mprotect", 3, {K_HEX, K_INT, K_NAMED}},
	{"prctl", 2, {K_NAMED, K_HEX}},
	{"kill", 2, {K_INT, K_NAMED}},
	{"tgkill", 3, {K_INT, K_INT, K_NAMED}},
	{"ptrace", 2, {K_INT, K_INT}},
	{"personality", 1, {K_NAMED}},
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

static void
print_arg(char *out, size_t size, enum kind k, int pid, uint64_t v)
{
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
	case K_MODE:
		snprintf(out, size, "%#o", v32);
		return;
	default:
		snprintf(out, size, "%#llx", (unsigned long long)v);
	}
}

static bool
narrow(const char *name, unsigned i)
{
	return cage_syscall_args32(name) & (1u << i);
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

		if (d && d->kind[i] == K_NAMED)
			/* 32-bit values: the kernel reads no more */
			cage_ns_value(arg, sizeof(arg),
				      cage_arg_ns(name, i, args, 0x3f),
				      narrow(name, i) ? (uint32_t)args[i]
						      : args[i],
				      ~0ull);
		else
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
