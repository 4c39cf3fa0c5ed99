// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --learn by tracing (learn_trace.h).  One perf event per CPU on the
 * tracepoint raw_syscalls:sys_enter, for the target's pid, inherited by
 * every thread and process it creates, enabled at its execve.  Each
 * sample holds the syscall number and its six arguments; calls a seccomp
 * filter refused never reach the tracepoint (seccomp runs first), so
 * clone3 and openat2, answered ENOSYS, are not learned, as with the
 * listener.  The kernel counts what a full buffer had to drop: a learned
 * policy is then said to be incomplete.
 */
#include "learn.h"
#include "learn_trace.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
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

/* The tracepoint's id; tracefs mounts itself on first use. */
static int
tracepoint_id(void)
{
	for (size_t i = 0; i < sizeof(tracefs) / sizeof(tracefs[0]); i++) {
		char path[128], buf[32];
		struct statfs st;
		ssize_t n;
		int fd;

		statfs(tracefs[i], &st);
		snprintf(path, sizeof(path),
			 "%s/events/raw_syscalls/sys_enter/id", tracefs[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			char *end;
			long id;

			buf[n] = '\0';
			errno = 0;
			id = strtol(buf, &end, 10);
			if (errno || end == buf || id < 0 || id > INT_MAX)
				return -EINVAL;
			return (int)id;
		}
	}
	return -ENOENT;
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
cage_trace_open(struct cage_trace *t, pid_t pid)
{
	long ncpus = sysconf(_SC_NPROCESSORS_CONF);
	int id = tracepoint_id(), err = 0;

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < CAGE_TRACE_MAX_CPUS; i++)
		t->fds[i] = -1;
	if (id < 0)
		return id;
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

/* Whether we may: one event on ourselves, opened and closed. */
int
cage_trace_available(void)
{
	int id = tracepoint_id(), fd;

	if (id < 0)
		return id;
	fd = open_event(id, 0, 0);
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
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
