// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What the report of a refused call proposes: nothing when the refusal is
 * by design, else the one line or option that lets the call in, never
 * one that --check warns opens a way out.
 */
#ifndef CAGE_ADVISE_H
#define CAGE_ADVISE_H

#include "policy/decide.h"

#include <stddef.h>

/*
 * A refusal by design: ENOSYS from a rule naming the syscall (clone3 and
 * openat2 in every built-in, or any 'errno ENOSYS NAME' of a policy), or
 * for a syscall newer than syscage's tables.  libc and programs take
 * ENOSYS as "this kernel has no such call" and fall back.  A policy's
 * 'default errno ENOSYS' is not: it names no syscall.  The reason, or
 * NULL when V is not by design.
 */
const char *cage_advise_by_design(const struct cage_verdict *v, int nr);

/*
 * The advice for call NR with ARGS that POL refused with verdict V: the
 * line or option in ALLOW (empty for CAGE_ADVICE_NONE), and in WHY what
 * --check would warn of, or why ENOSYS is the answer.
 */
enum cage_advice cage_advise(const struct cage_policy *pol,
			     const struct cage_verdict *v, int nr,
			     const uint64_t args[6], char *allow, size_t asize,
			     char *why, size_t wsize);

#endif
