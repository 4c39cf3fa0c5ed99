// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of the answering side (listener.c) on a real listener: a
 * child routes mkdir() to us and blocks in it.  The supervisor names the
 * caller by a number; a caller that dies after the call was received may
 * leave that number to another process.  The test stages it: as the call
 * is received (seccomp_notify_receive wrapped), the caller is killed and
 * reaped, and the number handed over is a stranger's, a live process of
 * ours with its own comm and its own string at the path's address.  The
 * event must show nothing of the stranger's, and the stranger must not
 * be killed.  Without that, the same call is reported and killed in full.
 */
#include "policy/decide.h"
#include "policy/policy.h"
#include "supervise/listener.h"
#include "supervise/supervise.h"
#include "syscage.h"
#include "policy_helper.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* The same address in the caller and the stranger, different text. */
static char path_buf[64];

static pid_t caller, stranger;
static bool stage_reuse;
/* The caller calls from a second thread, which reports SIGSYS here. */
static bool threaded;
static int sigsys_pipe[2];
/* The caller is not our direct child (as a grandchild of syscage). */
static bool not_child;

int __real_seccomp_notify_receive(int fd, struct seccomp_notif *req);
int __wrap_seccomp_notify_receive(int fd, struct seccomp_notif *req);

int
__wrap_seccomp_notify_receive(int fd, struct seccomp_notif *req)
{
	int err = __real_seccomp_notify_receive(fd, req);
	int status;

	if (err || !stage_reuse)
		return err;
	/* The caller dies, is reaped, and its number is the stranger's. */
	kill(caller, SIGKILL);
	assert_int_equal(waitpid(caller, &status, 0), caller);
	req->pid = (__u32)stranger;
	return 0;
}

static void
send_fd(int sock, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char byte = 0;
	struct iovec iov = {&byte, 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	if (sendmsg(sock, &mh, 0) != 1)
		_exit(2);
}

static int
recv_fd(int sock)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char byte;
	struct iovec iov = {&byte, 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *cm;
	int fd = -1;

	assert_int_equal(recvmsg(sock, &mh, MSG_CMSG_CLOEXEC), 1);
	cm = CMSG_FIRSTHDR(&mh);
	assert_non_null(cm);
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

static void
on_sigsys(int sig)
{
	pid_t tid = (pid_t)syscall(SYS_gettid);

	(void)sig;
	if (write(sigsys_pipe[1], &tid, sizeof(tid)) < 0)
		_exit(4);
}

static void *
call_mkdir(void *arg)
{
	(void)arg;
	mkdir(path_buf, 0700);
	return NULL;
}

/* The caller: mkdir goes to the listener it hands us, and blocks. */
static pid_t
spawn_caller(int *listener)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mkdir, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof(code) / sizeof(code[0]), code};
	int sv[2];
	pid_t pid;

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd;

		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		prctl(PR_SET_NAME, "caller", 0, 0, 0);
		snprintf(path_buf, sizeof(path_buf), "/nonexistent/caller");
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(2);
		fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				  SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
		if (fd < 0)
			_exit(2);
		send_fd(sv[1], fd);
		close(fd);
		if (threaded) {
			pthread_t t;

			signal(SIGSYS, on_sigsys);
			if (pthread_create(&t, NULL, call_mkdir, NULL))
				_exit(2);
			pthread_join(t, NULL);
			pause();
		}
		mkdir(path_buf, 0700);
		_exit(3);
	}
	close(sv[1]);
	*listener = recv_fd(sv[0]);
	close(sv[0]);
	return pid;
}

static pid_t
spawn_stranger(void)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		prctl(PR_SET_NAME, "stranger", 0, 0, 0);
		snprintf(path_buf, sizeof(path_buf), "/nonexistent/STRANGER");
		for (;;)
			pause();
	}
	return pid;
}

struct seen {
	unsigned n;
	struct cage_event ev;
};

static void
on_event(const struct cage_event *ev, void *ctx)
{
	struct seen *s = ctx;

	s->n++;
	s->ev = *ev;
}

/* One routed mkdir under POLICY_TEXT, answered by cage_listener_handle. */
static void
answer_one(const char *policy_text, struct seen *seen,
	   struct cage_supervisor *sv)
{
	struct cage_policy *pol = test_policy_text(policy_text);
	struct cage_launch_opts o = {0};
	struct cage_listener n = {.fd = -1, .efd = -1};
	int listener;

	o.policies = &pol;
	o.npolicies = 1;
	o.supervise = CAGE_SUPERVISE_ENFORCE;
	o.on_event = on_event;
	o.event_ctx = seen;
	caller = spawn_caller(&listener);
	memset(sv, 0, sizeof(*sv));
	sv->child = not_child ? getpid() : caller;
	assert_int_equal(cage_listener_init(&n, listener), 0);
	assert_int_equal(cage_listener_handle(&n, sv, &o), 0);
	cage_listener_fini(&n);
	cage_policy_free(pol);
}

static void
test_caller_reported_and_killed(void **state)
{
	struct cage_supervisor sv;
	struct seen seen = {0};
	int status;

	(void)state;
	answer_one("default allow\nkill mkdir\n", &seen, &sv);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.ev.comm, "caller");
	assert_non_null(strstr(seen.ev.call, "/nonexistent/caller"));
	assert_int_equal(waitpid(caller, &status, 0), caller);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_true(sv.killed);
}

static void
test_reused_number(const char *policy_text)
{
	struct cage_supervisor sv;
	struct seen seen = {0};
	int status;

	stranger = spawn_stranger();
	stage_reuse = true;
	answer_one(policy_text, &seen, &sv);
	stage_reuse = false;
	/* Reported, with nothing read from the stranger. */
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.ev.pid, stranger);
	assert_string_not_equal(seen.ev.comm, "stranger");
	if (strstr(seen.ev.call, "STRANGER"))
		fail_msg("read from the stranger: %s", seen.ev.call);
	assert_false(sv.killed);
	/* The stranger lives on, unsignalled. */
	assert_int_equal(waitpid(stranger, &status, WNOHANG), 0);
	kill(stranger, SIGKILL);
	assert_int_equal(waitpid(stranger, &status, 0), stranger);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static void
test_reused_kill(void **state)
{
	(void)state;
	test_reused_number("default allow\nkill mkdir\n");
}

static void
test_reused_trap(void **state)
{
	(void)state;
	test_reused_number("default allow\ntrap mkdir\n");
}

static void
test_reused_errno(void **state)
{
	(void)state;
	test_reused_number("default allow\nerrno EACCES mkdir\n");
}

/*
 * trap: SIGSYS reaches the very thread that called, also in a process
 * that is not syscage's direct child (before the pidfd, a tgkill named
 * the direct child's process and missed every other).
 */
static void
test_trap_reaches_thread(void **state)
{
	struct cage_supervisor sv;
	struct seen seen = {0};
	struct pollfd pfd;
	pid_t tid = 0;
	int status;

	(void)state;
	assert_int_equal(pipe(sigsys_pipe), 0);
	threaded = not_child = true;
	answer_one("default allow\ntrap mkdir\n", &seen, &sv);
	threaded = not_child = false;
	assert_int_equal(seen.n, 1);
	assert_int_not_equal(seen.ev.pid, caller); /* a second thread */
	pfd = (struct pollfd){sigsys_pipe[0], POLLIN, 0};
	assert_int_equal(poll(&pfd, 1, 5000), 1);
	assert_int_equal(read(sigsys_pipe[0], &tid, sizeof(tid)), sizeof(tid));
	assert_int_equal(tid, seen.ev.pid);
	assert_false(sv.killed);
	kill(caller, SIGKILL);
	assert_int_equal(waitpid(caller, &status, 0), caller);
	close(sigsys_pipe[0]);
	close(sigsys_pipe[1]);
}

/* kill from a second thread ends the whole process, through the pidfd;
 * not the direct child, so syscage's own exit status is not the kill's. */
static void
test_kill_from_thread(void **state)
{
	struct cage_supervisor sv;
	struct seen seen = {0};
	int status;

	(void)state;
	assert_int_equal(pipe(sigsys_pipe), 0);
	threaded = not_child = true;
	answer_one("default allow\nkill mkdir\n", &seen, &sv);
	threaded = not_child = false;
	assert_int_equal(seen.n, 1);
	assert_int_not_equal(seen.ev.pid, caller);
	assert_int_equal(waitpid(caller, &status, 0), caller);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_false(sv.killed);
	close(sigsys_pipe[0]);
	close(sigsys_pipe[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caller_reported_and_killed),
		cmocka_unit_test(test_reused_kill),
		cmocka_unit_test(test_reused_trap),
		cmocka_unit_test(test_reused_errno),
		cmocka_unit_test(test_trap_reaches_thread),
		cmocka_unit_test(test_kill_from_thread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
