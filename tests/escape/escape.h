// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Shared by the hostile programs of the escape suite: each attempt prints
 * one line, "blocked: WHAT (HOW)" or "ESCAPED: WHAT (HOW)", and the program
 * exits 0 only if every attempt was blocked (1 otherwise, 2 if broken).
 */
#ifndef SYSCAGE_ESCAPE_H
#define SYSCAGE_ESCAPE_H

#include <stdbool.h>
#include <sys/types.h>

void esc_blocked(const char *what, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void esc_escaped(const char *what, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A compatibility check (glibc's fallback works): "ok:" or "BROKEN:". */
void esc_works(const char *what, bool good, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The program itself could not do its job: exits 2. */
void __attribute__((noreturn)) esc_broken(const char *what, int err);

/*
 * Judge a call made to cross a boundary, right after it: R is its result,
 * and errno is read here (so never pass errno as an argument beside the
 * call: C does not order their evaluation).  Blocked if it failed with
 * one of the errnos listed (ending with 0); anything else, success
 * included, got through.
 */
bool esc_expect(const char *what, long r, ...);
/* The usual denials: EPERM (the built-ins' errno, or a missing
 * capability) or EACCES; and in a private view (SPEC 4.5), where what is
 * outside is absent, ENOENT, ESRCH (no such process there) or EROFS (a
 * read-only bind).  The controls prove each target exists outside. */
bool esc_denied(const char *what, long r);

/* "EPERM" for EPERM; "0" for none. */
const char *esc_errname(int err);
/* argv[1] as a pid (the sibling the runner started), or 0. */
pid_t esc_arg_pid(int argc, char **argv);
/*
 * Count a child's verdict: its lines are already printed; exit 1 means
 * something escaped, death by SIGSYS means the policy killed it.
 */
void esc_child_status(const char *what, int wstatus);
/* A field of /proc/self/status ("Seccomp", "CapEff"...), or -1. */
long long esc_status_field(const char *path, const char *field, int base);
/* Exit status for the program: 0 all blocked, 1 something escaped. */
int esc_finish(void);

#endif
