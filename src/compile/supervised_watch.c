// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A head for the supervised filter (supervised.c) that routes some calls
 * to the listener whatever the policies say of them: the calls that take
 * a path, so that the supervisor can name a path the file-system layers
 * refuse (supervise/fs_check.c).  Routing changes no verdict: the
 * listener answers each call with decide.c's, as the body would have.
 * Another architecture falls through to the body, which kills it.
 *
 *   ld arch; jne x86-64 -> body
 *   ld nr;   jeq nr_1 -> notify ... jeq nr_n -> notify; ja body
 *   notify:  ret USER_NOTIF
 *   body:    the supervised filter
 */
#include "compile/supervised_watch.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define HEAD_MAX 250 /* every jump of the head within 255 */

int
cage_supervised_watch(struct sock_fprog *prog, const int *nrs, size_t n)
{
	size_t head = n + 5, k = 0, notify = n + 4, body = n + 5;
	struct sock_filter *v;

	if (n == 0)
		return 0;
	if (head > HEAD_MAX || prog->len + head > BPF_MAXINSNS)
		return -E2BIG;
	v = malloc((prog->len + head) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	v[k++] = (struct sock_filter)BPF_STMT(
		BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	v[k] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
					    AUDIT_ARCH_X86_64, 0,
					    (unsigned char)(body - k - 1));
	k++;
	v[k++] = (struct sock_filter)BPF_STMT(
		BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (size_t i = 0; i < n; i++, k++)
		v[k] = (struct sock_filter)BPF_JUMP(
			BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nrs[i],
			(unsigned char)(notify - k - 1), 0);
	v[k] = (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, 1);
	k++;
	v[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
					      SECCOMP_RET_USER_NOTIF);
	memcpy(v + k, prog->filter, prog->len * sizeof(*v));
	free(prog->filter);
	prog->filter = v;
	prog->len = (unsigned short)(prog->len + head);
	return 0;
}
