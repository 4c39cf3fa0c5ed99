// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What runc (1.1) and crun (1.8) do after loading a container's seccomp
 * filter and before exec'ing its process.  Without no-new-privileges
 * both load it while still root, then drop the bounding set, change to
 * the container's user and set its capabilities; runc then opens its
 * exec fifo for writing, with or without.  A profile that denies one of
 * these never starts a container, so --export oci allows each, with the
 * narrowest arguments the runtime's own call has, where the policy does
 * not: Docker's default profile allows them all, unconditionally.
 *
 * The privileged ones (setuid and the like, capset, dropping the
 * bounding set) need capabilities the container keeps unless told to
 * drop them (--cap-drop ALL): dropped, they give the target nothing.
 */
#include "interop/oci_runtime.h"
#include "base/syscalls.h"
#include "policy/decide.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/prctl.h>

#define ARG_EQ(i, v) .box.args[i] = {.arg = (i), .op = CAGE_OP_EQ, .value = (v)}
#define ARG_LOW32(i, v)                                                        \
	.box.args[i] = {.arg = (i),                                            \
			.op = CAGE_OP_MASKED_EQ,                               \
			.mask = 0xffffffffu,                                   \
			.value = (uint32_t)(v)}

#define ID_WHY                                                                 \
	"runc and crun change to the container's user after loading the "      \
	"filter when no-new-privileges is off; it takes CAP_SETUID or "        \
	"CAP_SETGID, which --cap-drop ALL takes from the target"

struct named_call {
	const char *name;
	struct cage_oci_runtime_call call;
};

/* Grouped by name. */
static const struct named_call table[] = {
	{"capget",
	 {.why = "runc reads its capabilities before setting the "
		 "container's; it changes nothing"}},
	{"capset",
	 {.why = "runc and crun set the container's capabilities after "
		 "loading the filter when no-new-privileges is off; capset "
		 "cannot raise a capability the process lacks"}},
	{"prctl",
	 {ARG_EQ(0, PR_CAPBSET_DROP), .box.used = 1,
	  .why = "runc and crun drop the capabilities the container may not "
		 "have from the bounding set when no-new-privileges is off; "
		 "a drop only removes"}},
	{"prctl",
	 {ARG_EQ(0, PR_SET_KEEPCAPS), .box.used = 1,
	  .why = "runc and crun keep their capabilities while changing to "
		 "the container's user, then set them; the flag is cleared "
		 "at exec"}},
	{"prctl",
	 {ARG_EQ(0, PR_CAP_AMBIENT), ARG_EQ(1, PR_CAP_AMBIENT_LOWER),
	  .box.used = 3,
	  .why = "runc lowers every ambient capability the container does "
		 "not have; lowering only removes"}},
	{"prctl",
	 {ARG_EQ(0, PR_CAP_AMBIENT), ARG_EQ(1, PR_CAP_AMBIENT_CLEAR_ALL),
	  .box.used = 3,
	  .why = "crun clears the ambient set; clearing only removes"}},
	{"setgroups", {.why = ID_WHY}},
	{"setgid", {.why = ID_WHY}},
	{"setuid", {.why = ID_WHY}},
	{"setresgid", {.why = ID_WHY}},
	{"setresuid", {.why = ID_WHY}},
	{"openat",
	 {ARG_LOW32(0, AT_FDCWD), ARG_EQ(2, O_RDONLY | O_CLOEXEC),
	  .box.used = 5,
	  .why = "runc reads /proc/self/fd, /proc/self/status, /etc/passwd, "
		 "/etc/group and /proc/self/setgroups after loading the "
		 "filter when no-new-privileges is off: read-only, relative "
		 "to the working directory, these exact flags"}},
	{"openat",
	 {ARG_LOW32(0, AT_FDCWD), ARG_EQ(2, O_WRONLY | O_CLOEXEC),
	  .box.used = 5,
	  .why = "runc opens its exec fifo (/proc/self/fd/N) for writing "
		 "after loading the filter: it lets an existing file be "
		 "opened for writing with exactly these flags, no create, "
		 "no truncate"}},
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

static struct cage_oci_runtime_call calls[NTABLE];
static bool resolved;

/* The table with syscall numbers, filled once (the same every time). */
static void
resolve(void)
{
	if (resolved)
		return;
	for (size_t i = 0; i < NTABLE; i++) {
		calls[i] = table[i].call;
		calls[i].nr = cage_syscall_number(table[i].name);
	}
	resolved = true;
}

const struct cage_oci_runtime_call *
cage_oci_runtime_calls(int nr, size_t *n)
{
	size_t i = 0;

	resolve();
	while (i < NTABLE && calls[i].nr != nr)
		i++;
	*n = 0;
	while (i + *n < NTABLE && calls[i + *n].nr == nr)
		(*n)++;
	return *n ? &calls[i] : NULL;
}

static bool
box_holds(const struct cage_box *b, const uint64_t args[6])
{
	for (unsigned i = 0; i < 6; i++)
		if ((b->used & (1u << i)) &&
		    !cage_cmp_holds(&b->args[i], args[i]))
			return false;
	return true;
}

bool
cage_oci_runtime_allows(int nr, const uint64_t args[6])
{
	size_t n;
	const struct cage_oci_runtime_call *c = cage_oci_runtime_calls(nr, &n);

	for (size_t i = 0; i < n; i++)
		if (box_holds(&c[i].box, args))
			return true;
	return false;
}

/* The arguments POL allows for the syscall of rules [R, R + N). */
static int
allowed(const struct cage_policy *pol, const struct cage_rule *r, size_t n,
	struct cage_region *out)
{
	const struct cage_action *fb =
		n && !r[0].ncmps ? &r[0].action : &pol->dflt;
	struct cage_region stricter = {0};
	struct cage_box any = {0};
	int err = 0;

	if (fb->kind == CAGE_ACTION_ALLOW)
		err = cage_region_add(out, &any);
	for (size_t i = 0; i < n && !err; i++) {
		struct cage_box b;

		if (!r[i].ncmps)
			continue;
		cage_box_from_rule(&r[i], &b);
		if (r[i].action.kind == CAGE_ACTION_ALLOW) {
			if (fb->kind != CAGE_ACTION_ALLOW)
				err = cage_region_add(out, &b);
		} else {
			err = cage_region_add(&stricter, &b);
		}
	}
	if (!err)
		err = cage_region_subtract(out, &stricter);
	cage_region_free(&stricter);
	return err;
}

bool
cage_oci_runtime_needed(const struct cage_policy *pol,
			const struct cage_rule *r, size_t n,
			const struct cage_oci_runtime_call *call, int *err)
{
	struct cage_region ok = {0}, need = {0};
	bool needed = false;

	*err = allowed(pol, r, n, &ok);
	if (!*err)
		*err = cage_region_add(&need, &call->box);
	if (!*err)
		*err = cage_region_subtract(&need, &ok);
	if (!*err)
		needed = need.n > 0;
	cage_region_free(&ok);
	cage_region_free(&need);
	return needed;
}
