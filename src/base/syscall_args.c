// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Width of the arguments of every x86-64 system call.  A seccomp filter sees
 * each argument as a 64-bit register, but for an argument the kernel declares
 * as int, unsigned int, pid_t, uid_t, umode_t, u32, ... it reads only the low
 * 32 bits: the upper half is whatever user space left there, so a filter must
 * compare such arguments on their low 32 bits only (flatpak CVE-2019-10063:
 * ioctl(fd, TIOCSTI | 1UL << 32, ...) slipped past a 64-bit comparison).
 *
 * The types come from the kernel's SYSCALL_DEFINEn() declarations and the
 * prototypes in include/linux/syscalls.h, taking the entry point that
 * arch/x86/entry/syscalls/syscall_64.tbl names for the 64-bit ABI (sys_mmap
 * of arch/x86/kernel/sys_x86_64.c, the non-CLONE_BACKWARDS sys_clone, ...).
 * Declared types are taken as they stand: an unsigned long fd (readv, mmap)
 * counts as 64 bits even where the kernel later narrows it.  umode_t
 * (unsigned short) counts as 32 bits: it is narrower than the register too.
 *
 * Short forms in the comments: uint = unsigned int, ulong = unsigned long,
 * uchar = unsigned char, ts = struct __kernel_timespec, its = struct
 * __kernel_itimerspec.  Entries the kernel no longer or never implemented on
 * x86-64 (sys_ni_syscall) have no 32-bit arguments.
 */
#include "base/syscall_args.h"

#include <stdlib.h>
#include <string.h>

#define A(i) (1u << (i))

struct syscall_args {
	const char *name;
	signed char nargs;
	unsigned char args32;
};

/* Sorted by name in strcmp() order, for bsearch(). */
/* One line per syscall, its prototype beside it. */
/* clang-format off */
static const struct syscall_args table[] = {
	{ "_sysctl", 1, 0 },	/* struct __sysctl_args *args (sys_ni_syscall since 5.5) */
	{ "accept", 3, A(0) },	/* int fd, struct sockaddr *addr, int *addrlen */
	{ "accept4", 4, A(0) | A(3) },	/* int fd, struct sockaddr *addr, int *addrlen, int flags */
	{ "access", 2, A(1) },	/* char *filename, int mode */
	{ "acct", 1, 0 },	/* char *name */
	{ "add_key", 5, A(4) },	/* char *type, char *desc, void *payload, size_t plen, key_serial_t ringid */
	{ "adjtimex", 1, 0 },	/* struct __kernel_timex *txc */
	{ "afs_syscall", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "alarm", 1, A(0) },	/* uint seconds */
	{ "arch_prctl", 2, A(0) },	/* int option, ulong arg2 */
	{ "bind", 3, A(0) | A(2) },	/* int fd, struct sockaddr *addr, int addrlen */
	{ "bpf", 3, A(0) | A(2) },	/* int cmd, union bpf_attr *attr, uint size */
	{ "brk", 1, 0 },	/* ulong brk */
	{ "cachestat", 4, A(0) | A(3) },	/* uint fd, struct cachestat_range *range, struct cachestat *cstat, uint flags */
	{ "capget", 2, 0 },	/* cap_user_header_t header, cap_user_data_t data */
	{ "capset", 2, 0 },	/* cap_user_header_t header, cap_user_data_t data */
	{ "chdir", 1, 0 },	/* char *filename */
	{ "chmod", 2, A(1) },	/* char *filename, umode_t mode */
	{ "chown", 3, A(1) | A(2) },	/* char *filename, uid_t user, gid_t group */
	{ "chroot", 1, 0 },	/* char *filename */
	{ "clock_adjtime", 2, A(0) },	/* clockid_t clock, struct __kernel_timex *tx */
	{ "clock_getres", 2, A(0) },	/* clockid_t clock, ts *tp */
	{ "clock_gettime", 2, A(0) },	/* clockid_t clock, ts *tp */
	{ "clock_nanosleep", 4, A(0) | A(1) },	/* clockid_t clock, int flags, ts *rqtp, ts *rmtp */
	{ "clock_settime", 2, A(0) },	/* clockid_t clock, ts *tp */
	{ "clone", 5, A(0) },	/* ulong flags (the kernel reads lower_32_bits), ulong newsp, int *parent_tid, int *child_tid, ulong tls */
	{ "clone3", 2, 0 },	/* struct clone_args *uargs, size_t size */
	{ "close", 1, A(0) },	/* uint fd */
	{ "close_range", 3, A(0) | A(1) | A(2) },	/* uint fd, uint max_fd, uint flags */
	{ "connect", 3, A(0) | A(2) },	/* int fd, struct sockaddr *addr, int addrlen */
	{ "copy_file_range", 6, A(0) | A(2) | A(5) },	/* int fd_in, loff_t *off_in, int fd_out, loff_t *off_out, size_t len, uint flags */
	{ "creat", 2, A(1) },	/* char *pathname, umode_t mode */
	{ "create_module", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "delete_module", 2, A(1) },	/* char *name, uint flags */
	{ "dup", 1, A(0) },	/* uint fildes */
	{ "dup2", 2, A(0) | A(1) },	/* uint oldfd, uint newfd */
	{ "dup3", 3, A(0) | A(1) | A(2) },	/* uint oldfd, uint newfd, int flags */
	{ "epoll_create", 1, A(0) },	/* int size */
	{ "epoll_create1", 1, A(0) },	/* int flags */
	{ "epoll_ctl", 4, A(0) | A(1) | A(2) },	/* int epfd, int op, int fd, struct epoll_event *event */
	{ "epoll_ctl_old", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "epoll_pwait", 6, A(0) | A(2) | A(3) },	/* int epfd, struct epoll_event *events, int maxevents, int timeout, sigset_t *sigmask, size_t sigsetsize */
	{ "epoll_pwait2", 6, A(0) | A(2) },	/* int epfd, struct epoll_event *events, int maxevents, ts *timeout, sigset_t *sigmask, size_t sigsetsize */
	{ "epoll_wait", 4, A(0) | A(2) | A(3) },	/* int epfd, struct epoll_event *events, int maxevents, int timeout */
	{ "epoll_wait_old", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "eventfd", 1, A(0) },	/* uint count */
	{ "eventfd2", 2, A(0) | A(1) },	/* uint count, int flags */
	{ "execve", 3, 0 },	/* char *filename, char **argv, char **envp */
	{ "execveat", 5, A(0) | A(4) },	/* int dfd, char *filename, char **argv, char **envp, int flags */
	{ "exit", 1, A(0) },	/* int error_code */
	{ "exit_group", 1, A(0) },	/* int error_code */
	{ "faccessat", 3, A(0) | A(2) },	/* int dfd, char *filename, int mode */
	{ "faccessat2", 4, A(0) | A(2) | A(3) },	/* int dfd, char *filename, int mode, int flags */
	{ "fadvise64", 4, A(0) | A(3) },	/* int fd, loff_t offset, size_t len, int advice */
	{ "fallocate", 4, A(0) | A(1) },	/* int fd, int mode, loff_t offset, loff_t len */
	{ "fanotify_init", 2, A(0) | A(1) },	/* uint flags, uint event_f_flags */
	{ "fanotify_mark", 5, A(0) | A(1) | A(3) },	/* int fanotify_fd, uint flags, u64 mask, int dfd, char *pathname */
	{ "fchdir", 1, A(0) },	/* uint fd */
	{ "fchmod", 2, A(0) | A(1) },	/* uint fd, umode_t mode */
	{ "fchmodat", 3, A(0) | A(2) },	/* int dfd, char *filename, umode_t mode */
	{ "fchmodat2", 4, A(0) | A(2) | A(3) },	/* int dfd, char *filename, umode_t mode, uint flags */
	{ "fchown", 3, A(0) | A(1) | A(2) },	/* uint fd, uid_t user, gid_t group */
	{ "fchownat", 5, A(0) | A(2) | A(3) | A(4) },	/* int dfd, char *filename, uid_t user, gid_t group, int flag */
	{ "fcntl", 3, A(0) | A(1) },	/* uint fd, uint cmd, ulong arg */
	{ "fdatasync", 1, A(0) },	/* uint fd */
	{ "fgetxattr", 4, A(0) },	/* int fd, char *name, void *value, size_t size */
	{ "file_getattr", 5, A(0) | A(4) },	/* int dfd, char *filename, struct file_attr *attr, size_t usize, uint at_flags */
	{ "file_setattr", 5, A(0) | A(4) },	/* int dfd, char *filename, struct file_attr *attr, size_t usize, uint at_flags */
	{ "finit_module", 3, A(0) | A(2) },	/* int fd, char *uargs, int flags */
	{ "flistxattr", 3, A(0) },	/* int fd, char *list, size_t size */
	{ "flock", 2, A(0) | A(1) },	/* uint fd, uint cmd */
	{ "fork", 0, 0 },	/* void */
	{ "fremovexattr", 2, A(0) },	/* int fd, char *name */
	{ "fsconfig", 5, A(0) | A(1) | A(4) },	/* int fs_fd, uint cmd, char *key, void *value, int aux */
	{ "fsetxattr", 5, A(0) | A(4) },	/* int fd, char *name, void *value, size_t size, int flags */
	{ "fsmount", 3, A(0) | A(1) | A(2) },	/* int fs_fd, uint flags, uint ms_flags */
	{ "fsopen", 2, A(1) },	/* char *fs_name, uint flags */
	{ "fspick", 3, A(0) | A(2) },	/* int dfd, char *path, uint flags */
	{ "fstat", 2, A(0) },	/* uint fd, struct stat *statbuf (sys_newfstat) */
	{ "fstatfs", 2, A(0) },	/* uint fd, struct statfs *buf */
	{ "fsync", 1, A(0) },	/* uint fd */
	{ "ftruncate", 2, A(0) },	/* uint fd, off_t length */
	{ "futex", 6, A(1) | A(2) | A(5) },	/* u32 *uaddr, int op, u32 val, ts *utime, u32 *uaddr2, u32 val3 */
	{ "futex_requeue", 4, A(1) | A(2) | A(3) },	/* struct futex_waitv *waiters, uint flags, int nr_wake, int nr_requeue */
	{ "futex_wait", 6, A(3) | A(5) },	/* void *uaddr, ulong val, ulong mask, uint flags, ts *timeout, clockid_t clockid */
	{ "futex_waitv", 5, A(1) | A(2) | A(4) },	/* struct futex_waitv *waiters, uint nr_futexes, uint flags, ts *timeout, clockid_t clockid */
	{ "futex_wake", 4, A(2) | A(3) },	/* void *uaddr, ulong mask, int nr, uint flags */
	{ "futimesat", 3, A(0) },	/* int dfd, char *filename, struct __kernel_old_timeval *utimes */
	{ "get_kernel_syms", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "get_mempolicy", 5, 0 },	/* int *policy, ulong *nmask, ulong maxnode, ulong addr, ulong flags */
	{ "get_robust_list", 3, A(0) },	/* int pid, struct robust_list_head **head_ptr, size_t *len_ptr */
	{ "get_thread_area", 0, 0 },	/* not implemented on x86-64: sys_ni_syscall */
	{ "getcpu", 3, 0 },	/* uint *cpu, uint *node, void *cache */
	{ "getcwd", 2, 0 },	/* char *buf, ulong size */
	{ "getdents", 3, A(0) | A(2) },	/* uint fd, struct linux_dirent *dirent, uint count */
	{ "getdents64", 3, A(0) | A(2) },	/* uint fd, struct linux_dirent64 *dirent, uint count */
	{ "getegid", 0, 0 },	/* void */
	{ "geteuid", 0, 0 },	/* void */
	{ "getgid", 0, 0 },	/* void */
	{ "getgroups", 2, A(0) },	/* int gidsetsize, gid_t *grouplist */
	{ "getitimer", 2, A(0) },	/* int which, struct __kernel_old_itimerval *value */
	{ "getpeername", 3, A(0) },	/* int fd, struct sockaddr *addr, int *addrlen */
	{ "getpgid", 1, A(0) },	/* pid_t pid */
	{ "getpgrp", 0, 0 },	/* void */
	{ "getpid", 0, 0 },	/* void */
	{ "getpmsg", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "getppid", 0, 0 },	/* void */
	{ "getpriority", 2, A(0) | A(1) },	/* int which, int who */
	{ "getrandom", 3, A(2) },	/* char *buf, size_t count, uint flags */
	{ "getresgid", 3, 0 },	/* gid_t *rgid, gid_t *egid, gid_t *sgid */
	{ "getresuid", 3, 0 },	/* uid_t *ruid, uid_t *euid, uid_t *suid */
	{ "getrlimit", 2, A(0) },	/* uint resource, struct rlimit *rlim */
	{ "getrusage", 2, A(0) },	/* int who, struct rusage *ru */
	{ "getsid", 1, A(0) },	/* pid_t pid */
	{ "getsockname", 3, A(0) },	/* int fd, struct sockaddr *addr, int *addrlen */
	{ "getsockopt", 5, A(0) | A(1) | A(2) },	/* int fd, int level, int optname, char *optval, int *optlen */
	{ "gettid", 0, 0 },	/* void */
	{ "gettimeofday", 2, 0 },	/* struct __kernel_old_timeval *tv, struct timezone *tz */
	{ "getuid", 0, 0 },	/* void */
	{ "getxattr", 4, 0 },	/* char *path, char *name, void *value, size_t size */
	{ "getxattrat", 6, A(0) | A(2) },	/* int dfd, char *path, uint at_flags, char *name, struct xattr_args *args, size_t size */
	{ "init_module", 3, 0 },	/* void *umod, ulong len, char *uargs */
	{ "inotify_add_watch", 3, A(0) | A(2) },	/* int fd, char *path, u32 mask */
	{ "inotify_init", 0, 0 },	/* void */
	{ "inotify_init1", 1, A(0) },	/* int flags */
	{ "inotify_rm_watch", 2, A(0) | A(1) },	/* int fd, s32 wd */
	{ "io_cancel", 3, 0 },	/* aio_context_t ctx_id, struct iocb *iocb, struct io_event *result */
	{ "io_destroy", 1, 0 },	/* aio_context_t ctx */
	{ "io_getevents", 5, 0 },	/* aio_context_t ctx_id, long min_nr, long nr, struct io_event *events, ts *timeout */
	{ "io_pgetevents", 6, 0 },	/* aio_context_t ctx_id, long min_nr, long nr, struct io_event *events, ts *timeout, struct __aio_sigset *sig */
	{ "io_setup", 2, A(0) },	/* uint nr_reqs, aio_context_t *ctx */
	{ "io_submit", 3, 0 },	/* aio_context_t ctx_id, long nr, struct iocb **iocbpp */
	{ "io_uring_enter", 6, A(0) | A(1) | A(2) | A(3) },	/* uint fd, u32 to_submit, u32 min_complete, u32 flags, void *argp, size_t argsz */
	{ "io_uring_register", 4, A(0) | A(1) | A(3) },	/* uint fd, uint op, void *arg, uint nr_args */
	{ "io_uring_setup", 2, A(0) },	/* u32 entries, struct io_uring_params *p */
	{ "ioctl", 3, A(0) | A(1) },	/* uint fd, uint cmd, ulong arg */
	{ "ioperm", 3, A(2) },	/* ulong from, ulong num, int turn_on */
	{ "iopl", 1, A(0) },	/* uint level */
	{ "ioprio_get", 2, A(0) | A(1) },	/* int which, int who */
	{ "ioprio_set", 3, A(0) | A(1) | A(2) },	/* int which, int who, int ioprio */
	{ "kcmp", 5, A(0) | A(1) | A(2) },	/* pid_t pid1, pid_t pid2, int type, ulong idx1, ulong idx2 */
	{ "kexec_file_load", 5, A(0) | A(1) },	/* int kernel_fd, int initrd_fd, ulong cmdline_len, char *cmdline, ulong flags */
	{ "kexec_load", 4, 0 },	/* ulong entry, ulong nr_segments, struct kexec_segment *segments, ulong flags */
	{ "keyctl", 5, A(0) },	/* int cmd, ulong arg2, ulong arg3, ulong arg4, ulong arg5 */
	{ "kill", 2, A(0) | A(1) },	/* pid_t pid, int sig */
	{ "landlock_add_rule", 4, A(0) | A(1) | A(3) },	/* int ruleset_fd, enum landlock_rule_type rule_type, void *rule_attr, u32 flags */
	{ "landlock_create_ruleset", 3, A(2) },	/* struct landlock_ruleset_attr *attr, size_t size, u32 flags */
	{ "landlock_restrict_self", 2, A(0) | A(1) },	/* int ruleset_fd, u32 flags */
	{ "lchown", 3, A(1) | A(2) },	/* char *filename, uid_t user, gid_t group */
	{ "lgetxattr", 4, 0 },	/* char *path, char *name, void *value, size_t size */
	{ "link", 2, 0 },	/* char *oldname, char *newname */
	{ "linkat", 5, A(0) | A(2) | A(4) },	/* int olddfd, char *oldname, int newdfd, char *newname, int flags */
	{ "listen", 2, A(0) | A(1) },	/* int fd, int backlog */
	{ "listmount", 4, A(3) },	/* struct mnt_id_req *req, u64 *mnt_ids, size_t nr_mnt_ids, uint flags */
	{ "listns", 4, A(3) },	/* struct ns_id_req *req, u64 *ns_ids, size_t nr_ns_ids, uint flags */
	{ "listxattr", 3, 0 },	/* char *path, char *list, size_t size */
	{ "listxattrat", 5, A(0) | A(2) },	/* int dfd, char *path, uint at_flags, char *list, size_t size */
	{ "llistxattr", 3, 0 },	/* char *path, char *list, size_t size */
	{ "lookup_dcookie", 3, 0 },	/* u64 cookie64, char *buf, size_t len (sys_ni_syscall in newer kernels) */
	{ "lremovexattr", 2, 0 },	/* char *path, char *name */
	{ "lseek", 3, A(0) | A(2) },	/* uint fd, off_t offset, uint whence */
	{ "lsetxattr", 5, A(4) },	/* char *path, char *name, void *value, size_t size, int flags */
	{ "lsm_get_self_attr", 4, A(0) | A(3) },	/* uint attr, struct lsm_ctx *ctx, u32 *size, u32 flags */
	{ "lsm_list_modules", 3, A(2) },	/* u64 *ids, u32 *size, u32 flags */
	{ "lsm_set_self_attr", 4, A(0) | A(2) | A(3) },	/* uint attr, struct lsm_ctx *ctx, u32 size, u32 flags */
	{ "lstat", 2, 0 },	/* char *filename, struct stat *statbuf (sys_newlstat) */
	{ "madvise", 3, A(2) },	/* ulong start, size_t len, int behavior */
	{ "map_shadow_stack", 3, A(2) },	/* ulong addr, ulong size, uint flags */
	{ "mbind", 6, A(5) },	/* ulong start, ulong len, ulong mode, ulong *nmask, ulong maxnode, uint flags */
	{ "membarrier", 3, A(0) | A(1) | A(2) },	/* int cmd, uint flags, int cpu_id */
	{ "memfd_create", 2, A(1) },	/* char *uname, uint flags */
	{ "memfd_secret", 1, A(0) },	/* uint flags */
	{ "migrate_pages", 4, A(0) },	/* pid_t pid, ulong maxnode, ulong *from, ulong *to */
	{ "mincore", 3, 0 },	/* ulong start, size_t len, uchar *vec */
	{ "mkdir", 2, A(1) },	/* char *pathname, umode_t mode */
	{ "mkdirat", 3, A(0) | A(2) },	/* int dfd, char *pathname, umode_t mode */
	{ "mknod", 3, A(1) | A(2) },	/* char *filename, umode_t mode, uint dev */
	{ "mknodat", 4, A(0) | A(2) | A(3) },	/* int dfd, char *filename, umode_t mode, uint dev */
	{ "mlock", 2, 0 },	/* ulong start, size_t len */
	{ "mlock2", 3, A(2) },	/* ulong start, size_t len, int flags */
	{ "mlockall", 1, A(0) },	/* int flags */
	{ "mmap", 6, 0 },	/* ulong addr, ulong len, ulong prot, ulong flags, ulong fd, ulong off */
	{ "modify_ldt", 3, A(0) },	/* int func, void *ptr, ulong bytecount */
	{ "mount", 5, 0 },	/* char *dev_name, char *dir_name, char *type, ulong flags, void *data */
	{ "mount_setattr", 5, A(0) | A(2) },	/* int dfd, char *path, uint flags, struct mount_attr *uattr, size_t usize */
	{ "move_mount", 5, A(0) | A(2) | A(4) },	/* int from_dfd, char *from_path, int to_dfd, char *to_path, uint flags */
	{ "move_pages", 6, A(0) | A(5) },	/* pid_t pid, ulong nr_pages, void **pages, int *nodes, int *status, int flags */
	{ "mprotect", 3, 0 },	/* ulong start, size_t len, ulong prot */
	{ "mq_getsetattr", 3, A(0) },	/* mqd_t mqdes, struct mq_attr *mqstat, struct mq_attr *omqstat */
	{ "mq_notify", 2, A(0) },	/* mqd_t mqdes, struct sigevent *notification */
	{ "mq_open", 4, A(1) | A(2) },	/* char *name, int oflag, umode_t mode, struct mq_attr *attr */
	{ "mq_timedreceive", 5, A(0) },	/* mqd_t mqdes, char *msg_ptr, size_t msg_len, uint *msg_prio, ts *abs_timeout */
	{ "mq_timedsend", 5, A(0) | A(3) },	/* mqd_t mqdes, char *msg_ptr, size_t msg_len, uint msg_prio, ts *abs_timeout */
	{ "mq_unlink", 1, 0 },	/* char *name */
	{ "mremap", 5, 0 },	/* ulong addr, ulong old_len, ulong new_len, ulong flags, ulong new_addr */
	{ "mseal", 3, 0 },	/* ulong start, size_t len, ulong flags */
	{ "msgctl", 3, A(0) | A(1) },	/* int msqid, int cmd, struct msqid_ds *buf */
	{ "msgget", 2, A(0) | A(1) },	/* key_t key, int msgflg */
	{ "msgrcv", 5, A(0) | A(4) },	/* int msqid, struct msgbuf *msgp, size_t msgsz, long msgtyp, int msgflg */
	{ "msgsnd", 4, A(0) | A(3) },	/* int msqid, struct msgbuf *msgp, size_t msgsz, int msgflg */
	{ "msync", 3, A(2) },	/* ulong start, size_t len, int flags */
	{ "munlock", 2, 0 },	/* ulong start, size_t len */
	{ "munlockall", 0, 0 },	/* void */
	{ "munmap", 2, 0 },	/* ulong addr, size_t len */
	{ "name_to_handle_at", 5, A(0) | A(4) },	/* int dfd, char *name, struct file_handle *handle, void *mnt_id, int flag */
	{ "nanosleep", 2, 0 },	/* ts *rqtp, ts *rmtp */
	{ "newfstatat", 4, A(0) | A(3) },	/* int dfd, char *filename, struct stat *statbuf, int flag */
	{ "nfsservctl", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "open", 3, A(1) | A(2) },	/* char *filename, int flags, umode_t mode */
	{ "open_by_handle_at", 3, A(0) | A(2) },	/* int mountdirfd, struct file_handle *handle, int flags */
	{ "open_tree", 3, A(0) | A(2) },	/* int dfd, char *path, uint flags */
	{ "open_tree_attr", 5, A(0) | A(2) },	/* int dfd, char *path, uint flags, struct mount_attr *uattr, size_t usize */
	{ "openat", 4, A(0) | A(2) | A(3) },	/* int dfd, char *filename, int flags, umode_t mode */
	{ "openat2", 4, A(0) },	/* int dfd, char *filename, struct open_how *how, size_t size */
	{ "pause", 0, 0 },	/* void */
	{ "perf_event_open", 5, A(1) | A(2) | A(3) },	/* struct perf_event_attr *attr, pid_t pid, int cpu, int group_fd, ulong flags */
	{ "personality", 1, A(0) },	/* uint personality */
	{ "pidfd_getfd", 3, A(0) | A(1) | A(2) },	/* int pidfd, int fd, uint flags */
	{ "pidfd_open", 2, A(0) | A(1) },	/* pid_t pid, uint flags */
	{ "pidfd_send_signal", 4, A(0) | A(1) | A(3) },	/* int pidfd, int sig, siginfo_t *info, uint flags */
	{ "pipe", 1, 0 },	/* int *fildes */
	{ "pipe2", 2, A(1) },	/* int *fildes, int flags */
	{ "pivot_root", 2, 0 },	/* char *new_root, char *put_old */
	{ "pkey_alloc", 2, 0 },	/* ulong flags, ulong init_val */
	{ "pkey_free", 1, A(0) },	/* int pkey */
	{ "pkey_mprotect", 4, A(3) },	/* ulong start, size_t len, ulong prot, int pkey */
	{ "poll", 3, A(1) | A(2) },	/* struct pollfd *ufds, uint nfds, int timeout */
	{ "ppoll", 5, A(1) },	/* struct pollfd *ufds, uint nfds, ts *tsp, sigset_t *sigmask, size_t sigsetsize */
	{ "prctl", 5, A(0) },	/* int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5 */
	{ "pread64", 4, A(0) },	/* uint fd, char *buf, size_t count, loff_t pos */
	{ "preadv", 5, 0 },	/* ulong fd, struct iovec *vec, ulong vlen, ulong pos_l, ulong pos_h */
	{ "preadv2", 6, A(5) },	/* ulong fd, struct iovec *vec, ulong vlen, ulong pos_l, ulong pos_h, rwf_t flags */
	{ "prlimit64", 4, A(0) | A(1) },	/* pid_t pid, uint resource, struct rlimit64 *new_rlim, struct rlimit64 *old_rlim */
	{ "process_madvise", 5, A(0) | A(3) | A(4) },	/* int pidfd, struct iovec *vec, size_t vlen, int behavior, uint flags */
	{ "process_mrelease", 2, A(0) | A(1) },	/* int pidfd, uint flags */
	{ "process_vm_readv", 6, A(0) },	/* pid_t pid, struct iovec *lvec, ulong liovcnt, struct iovec *rvec, ulong riovcnt, ulong flags */
	{ "process_vm_writev", 6, A(0) },	/* pid_t pid, struct iovec *lvec, ulong liovcnt, struct iovec *rvec, ulong riovcnt, ulong flags */
	{ "pselect6", 6, A(0) },	/* int n, fd_set *inp, fd_set *outp, fd_set *exp, ts *tsp, void *sig */
	{ "ptrace", 4, 0 },	/* long request, long pid, ulong addr, ulong data */
	{ "putpmsg", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "pwrite64", 4, A(0) },	/* uint fd, char *buf, size_t count, loff_t pos */
	{ "pwritev", 5, 0 },	/* ulong fd, struct iovec *vec, ulong vlen, ulong pos_l, ulong pos_h */
	{ "pwritev2", 6, A(5) },	/* ulong fd, struct iovec *vec, ulong vlen, ulong pos_l, ulong pos_h, rwf_t flags */
	{ "query_module", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "quotactl", 4, A(0) | A(2) },	/* uint cmd, char *special, qid_t id, void *addr */
	{ "quotactl_fd", 4, A(0) | A(1) | A(2) },	/* uint fd, uint cmd, qid_t id, void *addr */
	{ "read", 3, A(0) },	/* uint fd, char *buf, size_t count */
	{ "readahead", 3, A(0) },	/* int fd, loff_t offset, size_t count */
	{ "readlink", 3, A(2) },	/* char *path, char *buf, int bufsiz */
	{ "readlinkat", 4, A(0) | A(3) },	/* int dfd, char *path, char *buf, int bufsiz */
	{ "readv", 3, 0 },	/* ulong fd, struct iovec *vec, ulong vlen */
	{ "reboot", 4, A(0) | A(1) | A(2) },	/* int magic1, int magic2, uint cmd, void *arg */
	{ "recvfrom", 6, A(0) | A(3) },	/* int fd, void *ubuf, size_t size, uint flags, struct sockaddr *addr, int *addr_len */
	{ "recvmmsg", 5, A(0) | A(2) | A(3) },	/* int fd, struct mmsghdr *msg, uint vlen, uint flags, ts *timeout */
	{ "recvmsg", 3, A(0) | A(2) },	/* int fd, struct user_msghdr *msg, uint flags */
	{ "remap_file_pages", 5, 0 },	/* ulong start, ulong size, ulong prot, ulong pgoff, ulong flags */
	{ "removexattr", 2, 0 },	/* char *path, char *name */
	{ "removexattrat", 4, A(0) | A(2) },	/* int dfd, char *path, uint at_flags, char *name */
	{ "rename", 2, 0 },	/* char *oldname, char *newname */
	{ "renameat", 4, A(0) | A(2) },	/* int olddfd, char *oldname, int newdfd, char *newname */
	{ "renameat2", 5, A(0) | A(2) | A(4) },	/* int olddfd, char *oldname, int newdfd, char *newname, uint flags */
	{ "request_key", 4, A(3) },	/* char *type, char *desc, char *callout_info, key_serial_t ringid */
	{ "restart_syscall", 0, 0 },	/* void */
	{ "rmdir", 1, 0 },	/* char *pathname */
	{ "rseq", 4, A(1) | A(2) | A(3) },	/* struct rseq *rseq, u32 rseq_len, int flags, u32 sig */
	{ "rseq_slice_yield", 0, 0 },	/* void */
	{ "rt_sigaction", 4, A(0) },	/* int sig, struct sigaction *act, struct sigaction *oact, size_t sigsetsize */
	{ "rt_sigpending", 2, 0 },	/* sigset_t *set, size_t sigsetsize */
	{ "rt_sigprocmask", 4, A(0) },	/* int how, sigset_t *set, sigset_t *oset, size_t sigsetsize */
	{ "rt_sigqueueinfo", 3, A(0) | A(1) },	/* pid_t pid, int sig, siginfo_t *uinfo */
	{ "rt_sigreturn", 0, 0 },	/* void */
	{ "rt_sigsuspend", 2, 0 },	/* sigset_t *unewset, size_t sigsetsize */
	{ "rt_sigtimedwait", 4, 0 },	/* sigset_t *uthese, siginfo_t *uinfo, ts *uts, size_t sigsetsize */
	{ "rt_tgsigqueueinfo", 4, A(0) | A(1) | A(2) },	/* pid_t tgid, pid_t pid, int sig, siginfo_t *uinfo */
	{ "sched_get_priority_max", 1, A(0) },	/* int policy */
	{ "sched_get_priority_min", 1, A(0) },	/* int policy */
	{ "sched_getaffinity", 3, A(0) | A(1) },	/* pid_t pid, uint len, ulong *user_mask_ptr */
	{ "sched_getattr", 4, A(0) | A(2) | A(3) },	/* pid_t pid, struct sched_attr *attr, uint size, uint flags */
	{ "sched_getparam", 2, A(0) },	/* pid_t pid, struct sched_param *param */
	{ "sched_getscheduler", 1, A(0) },	/* pid_t pid */
	{ "sched_rr_get_interval", 2, A(0) },	/* pid_t pid, ts *interval */
	{ "sched_setaffinity", 3, A(0) | A(1) },	/* pid_t pid, uint len, ulong *user_mask_ptr */
	{ "sched_setattr", 3, A(0) | A(2) },	/* pid_t pid, struct sched_attr *attr, uint flags */
	{ "sched_setparam", 2, A(0) },	/* pid_t pid, struct sched_param *param */
	{ "sched_setscheduler", 3, A(0) | A(1) },	/* pid_t pid, int policy, struct sched_param *param */
	{ "sched_yield", 0, 0 },	/* void */
	{ "seccomp", 3, A(0) | A(1) },	/* uint op, uint flags, void *uargs */
	{ "security", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "select", 5, A(0) },	/* int n, fd_set *inp, fd_set *outp, fd_set *exp, struct __kernel_old_timeval *tvp */
	{ "semctl", 4, A(0) | A(1) | A(2) },	/* int semid, int semnum, int cmd, ulong arg */
	{ "semget", 3, A(0) | A(1) | A(2) },	/* key_t key, int nsems, int semflg */
	{ "semop", 3, A(0) | A(2) },	/* int semid, struct sembuf *sops, uint nsops */
	{ "semtimedop", 4, A(0) | A(2) },	/* int semid, struct sembuf *sops, uint nsops, ts *timeout */
	{ "sendfile", 4, A(0) | A(1) },	/* int out_fd, int in_fd, loff_t *offset, size_t count (sys_sendfile64) */
	{ "sendmmsg", 4, A(0) | A(2) | A(3) },	/* int fd, struct mmsghdr *msg, uint vlen, uint flags */
	{ "sendmsg", 3, A(0) | A(2) },	/* int fd, struct user_msghdr *msg, uint flags */
	{ "sendto", 6, A(0) | A(3) | A(5) },	/* int fd, void *buff, size_t len, uint flags, struct sockaddr *addr, int addr_len */
	{ "set_mempolicy", 3, A(0) },	/* int mode, ulong *nmask, ulong maxnode */
	{ "set_mempolicy_home_node", 4, 0 },	/* ulong start, ulong len, ulong home_node, ulong flags */
	{ "set_robust_list", 2, 0 },	/* struct robust_list_head *head, size_t len */
	{ "set_thread_area", 0, 0 },	/* not implemented on x86-64: sys_ni_syscall */
	{ "set_tid_address", 1, 0 },	/* int *tidptr */
	{ "setdomainname", 2, A(1) },	/* char *name, int len */
	{ "setfsgid", 1, A(0) },	/* gid_t gid */
	{ "setfsuid", 1, A(0) },	/* uid_t uid */
	{ "setgid", 1, A(0) },	/* gid_t gid */
	{ "setgroups", 2, A(0) },	/* int gidsetsize, gid_t *grouplist */
	{ "sethostname", 2, A(1) },	/* char *name, int len */
	{ "setitimer", 3, A(0) },	/* int which, struct __kernel_old_itimerval *value, struct __kernel_old_itimerval *ovalue */
	{ "setns", 2, A(0) | A(1) },	/* int fd, int nstype */
	{ "setpgid", 2, A(0) | A(1) },	/* pid_t pid, pid_t pgid */
	{ "setpriority", 3, A(0) | A(1) | A(2) },	/* int which, int who, int niceval */
	{ "setregid", 2, A(0) | A(1) },	/* gid_t rgid, gid_t egid */
	{ "setresgid", 3, A(0) | A(1) | A(2) },	/* gid_t rgid, gid_t egid, gid_t sgid */
	{ "setresuid", 3, A(0) | A(1) | A(2) },	/* uid_t ruid, uid_t euid, uid_t suid */
	{ "setreuid", 2, A(0) | A(1) },	/* uid_t ruid, uid_t euid */
	{ "setrlimit", 2, A(0) },	/* uint resource, struct rlimit *rlim */
	{ "setsid", 0, 0 },	/* void */
	{ "setsockopt", 5, A(0) | A(1) | A(2) | A(4) },	/* int fd, int level, int optname, char *optval, int optlen */
	{ "settimeofday", 2, 0 },	/* struct __kernel_old_timeval *tv, struct timezone *tz */
	{ "setuid", 1, A(0) },	/* uid_t uid */
	{ "setxattr", 5, A(4) },	/* char *path, char *name, void *value, size_t size, int flags */
	{ "setxattrat", 6, A(0) | A(2) },	/* int dfd, char *path, uint at_flags, char *name, struct xattr_args *args, size_t size */
	{ "shmat", 3, A(0) | A(2) },	/* int shmid, char *shmaddr, int shmflg */
	{ "shmctl", 3, A(0) | A(1) },	/* int shmid, int cmd, struct shmid_ds *buf */
	{ "shmdt", 1, 0 },	/* char *shmaddr */
	{ "shmget", 3, A(0) | A(2) },	/* key_t key, size_t size, int shmflg */
	{ "shutdown", 2, A(0) | A(1) },	/* int fd, int how */
	{ "sigaltstack", 2, 0 },	/* struct sigaltstack *uss, struct sigaltstack *uoss */
	{ "signalfd", 3, A(0) },	/* int ufd, sigset_t *user_mask, size_t sizemask */
	{ "signalfd4", 4, A(0) | A(3) },	/* int ufd, sigset_t *user_mask, size_t sizemask, int flags */
	{ "socket", 3, A(0) | A(1) | A(2) },	/* int family, int type, int protocol */
	{ "socketpair", 4, A(0) | A(1) | A(2) },	/* int family, int type, int protocol, int *usockvec */
	{ "splice", 6, A(0) | A(2) | A(5) },	/* int fd_in, loff_t *off_in, int fd_out, loff_t *off_out, size_t len, uint flags */
	{ "stat", 2, 0 },	/* char *filename, struct stat *statbuf (sys_newstat) */
	{ "statfs", 2, 0 },	/* char *path, struct statfs *buf */
	{ "statmount", 4, A(3) },	/* struct mnt_id_req *req, struct statmount *buf, size_t bufsize, uint flags */
	{ "statx", 5, A(0) | A(2) | A(3) },	/* int dfd, char *path, uint flags, uint mask, struct statx *buffer */
	{ "swapoff", 1, 0 },	/* char *specialfile */
	{ "swapon", 2, A(1) },	/* char *specialfile, int swap_flags */
	{ "symlink", 2, 0 },	/* char *oldname, char *newname */
	{ "symlinkat", 3, A(1) },	/* char *oldname, int newdfd, char *newname */
	{ "sync", 0, 0 },	/* void */
	{ "sync_file_range", 4, A(0) | A(3) },	/* int fd, loff_t offset, loff_t nbytes, uint flags */
	{ "syncfs", 1, A(0) },	/* int fd */
	{ "sysfs", 3, A(0) },	/* int option, ulong arg1, ulong arg2 */
	{ "sysinfo", 1, 0 },	/* struct sysinfo *info */
	{ "syslog", 3, A(0) | A(2) },	/* int type, char *buf, int len */
	{ "tee", 4, A(0) | A(1) | A(3) },	/* int fdin, int fdout, size_t len, uint flags */
	{ "tgkill", 3, A(0) | A(1) | A(2) },	/* pid_t tgid, pid_t pid, int sig */
	{ "time", 1, 0 },	/* __kernel_old_time_t *tloc */
	{ "timer_create", 3, A(0) },	/* clockid_t clock, struct sigevent *event, timer_t *created_timer_id */
	{ "timer_delete", 1, A(0) },	/* timer_t timer_id */
	{ "timer_getoverrun", 1, A(0) },	/* timer_t timer_id */
	{ "timer_gettime", 2, A(0) },	/* timer_t timer_id, its *setting */
	{ "timer_settime", 4, A(0) | A(1) },	/* timer_t timer_id, int flags, its *new_setting, its *old_setting */
	{ "timerfd_create", 2, A(0) | A(1) },	/* int clockid, int flags */
	{ "timerfd_gettime", 2, A(0) },	/* int ufd, its *otmr */
	{ "timerfd_settime", 4, A(0) | A(1) },	/* int ufd, int flags, its *utmr, its *otmr */
	{ "times", 1, 0 },	/* struct tms *tbuf */
	{ "tkill", 2, A(0) | A(1) },	/* pid_t pid, int sig */
	{ "truncate", 2, 0 },	/* char *path, long length */
	{ "tuxcall", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "umask", 1, A(0) },	/* int mask */
	{ "umount2", 2, A(1) },	/* char *name, int flags (sys_umount) */
	{ "uname", 1, 0 },	/* struct new_utsname *name (sys_newuname) */
	{ "unlink", 1, 0 },	/* char *pathname */
	{ "unlinkat", 3, A(0) | A(2) },	/* int dfd, char *pathname, int flag */
	{ "unshare", 1, 0 },	/* ulong unshare_flags */
	{ "uprobe", 0, 0 },	/* void */
	{ "uretprobe", 0, 0 },	/* void */
	{ "uselib", 1, 0 },	/* char *library (sys_ni_syscall in newer kernels) */
	{ "userfaultfd", 1, A(0) },	/* int flags */
	{ "ustat", 2, A(0) },	/* uint dev, struct ustat *ubuf */
	{ "utime", 2, 0 },	/* char *filename, struct utimbuf *times */
	{ "utimensat", 4, A(0) | A(3) },	/* int dfd, char *filename, ts *utimes, int flags */
	{ "utimes", 2, 0 },	/* char *filename, struct __kernel_old_timeval *utimes */
	{ "vfork", 0, 0 },	/* void */
	{ "vhangup", 0, 0 },	/* void */
	{ "vmsplice", 4, A(0) | A(3) },	/* int fd, struct iovec *iov, ulong nr_segs, uint flags */
	{ "vserver", 0, 0 },	/* not implemented: sys_ni_syscall */
	{ "wait4", 4, A(0) | A(2) },	/* pid_t pid, int *stat_addr, int options, struct rusage *ru */
	{ "waitid", 5, A(0) | A(1) | A(3) },	/* int which, pid_t pid, struct siginfo *infop, int options, struct rusage *ru */
	{ "write", 3, A(0) },	/* uint fd, char *buf, size_t count */
	{ "writev", 3, 0 },	/* ulong fd, struct iovec *vec, ulong vlen */
};
/* clang-format on */

#define TABLE_LEN (sizeof(table) / sizeof(table[0]))

static int
compare_name(const void *key, const void *entry)
{
	const struct syscall_args *e = entry;

	return strcmp(key, e->name);
}

static const struct syscall_args *
lookup(const char *name)
{
	if (!name)
		return NULL;
	return bsearch(name, table, TABLE_LEN, sizeof(table[0]), compare_name);
}

unsigned
cage_syscall_args32(const char *name)
{
	const struct syscall_args *e = lookup(name);

	return e ? e->args32 : 0;
}

int
cage_syscall_nargs(const char *name)
{
	const struct syscall_args *e = lookup(name);

	return e ? e->nargs : -1;
}

const char *
cage_syscall_args_name(unsigned i)
{
	return i < TABLE_LEN ? table[i].name : NULL;
}
