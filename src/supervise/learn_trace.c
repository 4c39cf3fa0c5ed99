// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --learn by tracing (learn_trace.h).  One perf event per CPU on the
 * tracepoint raw_syscalls:sys_enter, for the target's pid, inherited by
 * every thread and process it creates, enabled at its execve.  Each
 * sample holds the syscall number and its six arguments; calls a seccomp
 * filter refused never reach the tracepoint (seccomp runs first), so
 * clone3 and openat2, answered ENOSYS, are not learned, as with the
 * listener.  The kernel counts what a full buffer had to drop: a learned
 * policy is then said to be incomplete.  Under -p, the policy's own
 * filters refuse first too: what they deny is never learned.
 */
#include "supervise/record.h"
#include "supervise/learn_trace.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#define RING_PAGES 256 /* a power of two: 1 MiB a CPU */

/* raw_syscalls:sys_enter, as its format file says: common fields, then
 * long id at 8 and unsigned long args[6] at 16. */
#define RAW_ID_OFF   8
#define RAW_ARGS_OFF 16
#define RAW_SIZE     (RAW_ARGS_OFF + 6 * 8)

static const char *const tracefs[] = {
	"/sys/kernel/tracing",
	"/sys/kernel/debug/tracing",
};

/* The id in DIR's events/raw_syscalls/sys_enter/id, or -errno. */
static int
read_id(const char *dir)
{
	char path[128], buf[32], *end;
	ssize_t n;
	long id;
	int fd;

	snprintf(path, sizeof(path), "%s/events/raw_syscalls/sys_enter/id",
		 dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EINVAL;
	buf[n] = '\0';
	errno = 0;
	id = strtol(buf, &end, 10);
	if (errno || end == buf || id < 0 || id > INT_MAX)
		return -EINVAL;
	return (int)id;
}

/*
 * The helper's side: a mount namespace of its own, no mount propagating
 * back, tracefs on a directory there.  The system's mounts never change:
 * the namespace and its mounts go away with the helper.
 */
static int
private_id(const char **step)
{
	static const char *const dirs[] = {"/sys/kernel/tracing", "/tmp"};
	int err = -ENOENT;

	*step = "unshare(CLONE_NEWNS)";
	if (unshare(CLONE_NEWNS) < 0)
		return -errno;
	*step = "mount(MS_PRIVATE)";
	/* Source and type are ignored: "none" rather than NULL keeps
	 * memcheck quiet. */
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0)
		return -errno;
	*step = "mount(tracefs)";
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (mount("nodev", dirs[i], "tracefs", 0, NULL) < 0) {
			err = -errno;
			continue;
		}
		*step = "read(id)";
		return read_id(dirs[i]);
	}
	return err;
}

/* What the helper sends back: the id, or -errno and the failed step. */
struct helper_reply {
	int id;
	char step[32];
};

/*
 * Root on a machine where nothing mounted tracefs (containers, CI images
 * without systemd): a short-lived child reads the id from a tracefs it
 * mounts in a private mount namespace.  The event id is the kernel's;
 * perf_event_open needs no tracefs mounted anywhere.
 */
static int
tracepoint_id_private(char *why, size_t size)
{
	struct helper_reply r = {.id = -EIO};
	const char *step = "fork";
	int p[2], ws;
	ssize_t n;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		r.id = private_id(&step);
		snprintf(r.step, sizeof(r.step), "%s", step);
		n = write(p[1], &r, sizeof(r));
		_exit(n == sizeof(r) ? 0 : 1);
	}
	close(p[1]);
	if (pid < 0) {
		r.id = -errno;
		snprintf(r.step, sizeof(r.step), "%s", step);
	} else {
		do
			n = read(p[0], &r, sizeof(r));
		while (n < 0 && errno == EINTR);
		if (n != sizeof(r))
			r = (struct helper_reply){.id = -EIO, .step = "read"};
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
	}
	close(p[0]);
	r.step[sizeof(r.step) - 1] = '\0';
	if (r.id < 0)
		snprintf(why, size,
			 "tracefs is not mounted and the helper's private "
			 "mount failed: %s: %s",
			 r.step, strerror(-r.id));
	return r.id;
}

/*
 * The tracepoint's id: from a mounted tracefs, else (root) from one
 * mounted in a private namespace.  Nothing mounts tracefs by itself on
 * first use: a system without systemd may never have it mounted.
 */
static int
tracepoint_id(struct cage_trace_probe *p)
{
	int id = -ENOENT;

	for (size_t i = 0; i < sizeof(tracefs) / sizeof(tracefs[0]); i++) {
		id = read_id(tracefs[i]);
		if (id >= 0) {
			snprintf(p->how, sizeof(p->how),
				 "tracepoint id from %s", tracefs[i]);
			return id;
		}
		if (id == -EINVAL)
			break;
	}
	if (geteuid() != 0) {
		snprintf(p->how, sizeof(p->how),
			 "not root: tracefs and other processes' system "
			 "calls are root's");
		return id == -ENOENT ? -EPERM : id;
	}
	id = tracepoint_id_private(p->how, sizeof(p->how));
	if (id >= 0)
		snprintf(p->how, sizeof(p->how),
			 "tracepoint id from a private tracefs mount, none "
			 "being mounted");
	return id;
}

static int
open_event(int id, pid_t pid, int cpu)
{
	struct perf_event_attr a;
	long fd;

	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_TRACEPOINT;
	a.size = sizeof(a);
	a.config = (uint64_t)id;
	a.sample_period = 1;
	a.sample_type = PERF_SAMPLE_RAW;
	a.disabled = 1;
	a.inherit = 1;
	a.enable_on_exec = 1;
	a.watermark = 1;
	a.wakeup_watermark = RING_PAGES * 4096 / 4;
	fd = syscall(SYS_perf_event_open, &a, pid, cpu, -1,
		     PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : (int)fd;
}

static size_t
ring_size(void)
{
	return (RING_PAGES + 1) * (size_t)sysconf(_SC_PAGESIZE);
}

int
cage_trace_open(struct cage_trace *t, int id, pid_t pid)
{
	long ncpus = sysconf(_SC_NPROCESSORS_CONF);
	int err = 0;

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < CAGE_TRACE_MAX_CPUS; i++)
		t->fds[i] = -1;
	if (id < 0)
		return -EINVAL;
	if (ncpus < 1 || ncpus > CAGE_TRACE_MAX_CPUS)
		return -E2BIG;
	/* Per CPU: the kernel maps no inherited per-task event. */
	for (t->ncpus = 0; t->ncpus < (size_t)ncpus && !err; t->ncpus++) {
		void *ring;
		int fd = open_event(id, pid, (int)t->ncpus);

		if (fd < 0) {
			err = fd;
			break;
		}
		t->fds[t->ncpus] = fd;
		ring = mmap(NULL, ring_size(), PROT_READ | PROT_WRITE,
			    MAP_SHARED, fd, 0);
		if (ring == MAP_FAILED) {
			err = -errno;
			break;
		}
		t->rings[t->ncpus] = ring;
	}
	if (err)
		cage_trace_close(t);
	return err;
}

static long
perf_paranoid(void)
{
	char buf[32];
	int fd = open("/proc/sys/kernel/perf_event_paranoid",
		      O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 99;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

/* Whether we may: the id, then one event on ourselves, opened and closed. */
int
cage_trace_probe(struct cage_trace_probe *p)
{
	int fd;

	memset(p, 0, sizeof(*p));
	p->id = tracepoint_id(p);
	if (p->id < 0) {
		p->err = p->id;
		return p->err;
	}
	fd = open_event(p->id, 0, 0);
	if (fd < 0) {
		p->err = fd;
		snprintf(p->how, sizeof(p->how),
			 "perf_event_open: %s (kernel.perf_event_paranoid is "
			 "%ld)",
			 strerror(-fd), perf_paranoid());
		return fd;
	}
	close(fd);
	return 0;
}

int
cage_trace_available(void)
{
	struct cage_trace_probe p;

	return cage_trace_probe(&p);
}

static void
record(const unsigned char *rec, size_t size, struct cage_trace *t,
       struct cage_learned *l)
{
	struct perf_event_header h;
	uint32_t raw_size;
	int64_t nr;
	uint64_t args[6];

	memcpy(&h, rec, sizeof(h));
	if (h.type == PERF_RECORD_LOST && size >= sizeof(h) + 16) {
		uint64_t lost;

		memcpy(&lost, rec + sizeof(h) + 8, sizeof(lost));
		t->lost += lost;
		return;
	}
	if (h.type != PERF_RECORD_SAMPLE ||
	    size < sizeof(h) + sizeof(raw_size) + RAW_SIZE)
		return;
	memcpy(&raw_size, rec + sizeof(h), sizeof(raw_size));
	if (raw_size < RAW_SIZE)
		return;
	rec += sizeof(h) + sizeof(raw_size);
	memcpy(&nr, rec + RAW_ID_OFF, sizeof(nr));
	memcpy(args, rec + RAW_ARGS_OFF, sizeof(args));
	if (nr >= 0 && nr < CAGE_LEARN_NR_LIMIT)
		cage_learned_add(l, (int)nr, args);
}

static void
drain_one(void *ring, struct cage_trace *t, struct cage_learned *l)
{
	struct perf_event_mmap_page *m = ring;
	unsigned char *data = (unsigned char *)ring + m->data_offset;
	uint64_t size = m->data_size, head, tail = m->data_tail;
	unsigned char buf[512];

	head = __atomic_load_n(&m->data_head, __ATOMIC_ACQUIRE);
	while (tail + sizeof(struct perf_event_header) <= head) {
		struct perf_event_header h;
		uint64_t off = tail % size;

		/* A record may wrap around the end of the buffer. */
		for (size_t i = 0; i < sizeof(h); i++)
			((unsigned char *)&h)[i] = data[(off + i) % size];
		if (h.size < sizeof(h) || tail + h.size > head)
			break;
		if (h.size <= sizeof(buf)) {
			for (size_t i = 0; i < h.size; i++)
				buf[i] = data[(off + i) % size];
			record(buf, h.size, t, l);
		}
		tail += h.size;
	}
	__atomic_store_n(&m->data_tail, tail, __ATOMIC_RELEASE);
}

void
cage_trace_drain(struct cage_trace *t, struct cage_learned *l)
{
	for (size_t i = 0; i < t->ncpus; i++)
		if (t->rings[i])
			drain_one(t->rings[i], t, l);
}

void
cage_trace_close(struct cage_trace *t)
{
	for (size_t i = 0; i < CAGE_TRACE_MAX_CPUS; i++) {
		if (t->rings[i])
			munmap(t->rings[i], ring_size());
		if (t->fds[i] >= 0)
			close(t->fds[i]);
		t->rings[i] = NULL;
		t->fds[i] = -1;
	}
	t->ncpus = 0;
}
