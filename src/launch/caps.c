// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Dropping capabilities in the child: securebits locked (root), bounding
 * set emptied where permitted, ambient cleared, every set cleared but the
 * kept capabilities, then everything re-read to confirm it took.
 */
#include "launch/caps.h"

#include <errno.h>
#include <linux/securebits.h>
#include <sys/capability.h>
#include <sys/prctl.h>

static bool
kept(uint64_t keep, cap_value_t cap)
{
	return cap < 64 && (keep & (1ull << cap));
}

/* 1: CAP_SETPCAP is effective, 0: it is not, -errno: cannot tell. */
static int
have_setpcap(void)
{
	cap_flag_value_t v = CAP_CLEAR;
	cap_t c = cap_get_proc();
	int err = 0;

	if (!c)
		return -errno;
	if (cap_get_flag(c, CAP_SETPCAP, CAP_EFFECTIVE, &v) < 0)
		err = -errno;
	cap_free(c);
	return err ? err : v == CAP_SET;
}

/* Without these locks a uid-0 target regains every capability at exec. */
static int
lock_securebits(uint64_t keep)
{
	unsigned long bits =
		SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |
		SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED;

	if (!keep)
		bits |= SECBIT_NO_CAP_AMBIENT_RAISE |
			SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
	if (prctl(PR_SET_SECUREBITS, bits, 0, 0, 0) < 0)
		return -errno;
	return 0;
}

static int
verify_securebits(uint64_t keep)
{
	int bits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	int want = SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP_LOCKED |
		   SECBIT_KEEP_CAPS_LOCKED;

	if (!keep)
		want |= SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
	if (bits < 0)
		return -errno;
	return (bits & want) == want ? 0 : -EPERM;
}

static int
drop_bounding_set(uint64_t keep)
{
	cap_value_t max = cap_max_bits();

	/* Dropping a capability not in the set succeeds: no need to read
	 * first; verify() reads the whole set back afterwards. */
	for (cap_value_t cap = 0; cap < max; cap++)
		if (!kept(keep, cap) && cap_drop_bound(cap) < 0)
			return -errno;
	return 0;
}

static int
set_process_caps(uint64_t keep)
{
	cap_value_t max = cap_max_bits();
	cap_t c = cap_init();
	int err = 0;

	if (!c)
		return -errno;
	for (cap_value_t cap = 0; cap < max && !err; cap++) {
		if (!kept(keep, cap))
			continue;
		if (cap_set_flag(c, CAP_PERMITTED, 1, &cap, CAP_SET) ||
		    cap_set_flag(c, CAP_EFFECTIVE, 1, &cap, CAP_SET) ||
		    cap_set_flag(c, CAP_INHERITABLE, 1, &cap, CAP_SET))
			err = -errno;
	}
	if (!err && cap_set_proc(c) < 0)
		err = -errno;
	cap_free(c);
	return err;
}

/* Kept capabilities reach a non-root target only through the ambient set. */
static int
raise_ambient(uint64_t keep)
{
	cap_value_t max = cap_max_bits();

	for (cap_value_t cap = 0; cap < max; cap++)
		if (kept(keep, cap) && cap_set_ambient(cap, CAP_SET) < 0)
			return -errno;
	return 0;
}

static int
verify(uint64_t keep, bool bounding)
{
	cap_value_t max = cap_max_bits();
	cap_t c = cap_get_proc();
	static const cap_flag_t flags[] = {CAP_EFFECTIVE, CAP_PERMITTED,
					   CAP_INHERITABLE};
	int err = 0;

	if (!c)
		return -errno;
	for (cap_value_t cap = 0; cap < max && !err; cap++) {
		int want = kept(keep, cap);

		for (size_t i = 0; i < 3 && !err; i++) {
			cap_flag_value_t v;

			if (cap_get_flag(c, cap, flags[i], &v) < 0)
				err = -errno;
			else if ((v == CAP_SET) != want)
				err = -EPERM;
		}
		/* The kernel keeps ambient within permitted and inheritable
		 * (both checked just above): a cap in neither is not there. */
		if (!err && want && cap_get_ambient(cap) != want)
			err = -EPERM;
		if (!err && bounding) {
			int in = cap_get_bound(cap);

			if (in < 0)
				err = -errno;
			else if (in > want)
				err = -EPERM;
		}
	}
	cap_free(c);
	return err;
}

int
cage_caps_drop(uint64_t keep, const char **step)
{
	int privileged = have_setpcap();
	int err = 0;

	if (privileged < 0) {
		*step = "capget";
		return privileged;
	}
	if (privileged) {
		*step = "prctl(PR_SET_SECUREBITS)";
		err = lock_securebits(keep);
		if (!err) {
			*step = "capset (bounding set)";
			err = drop_bounding_set(keep);
		}
	}
	if (!err) {
		*step = "capset (ambient set)";
		err = cap_reset_ambient() < 0 ? -errno : 0;
	}
	if (!err) {
		*step = "capset";
		err = set_process_caps(keep);
	}
	if (!err && keep) {
		*step = "capset (raise ambient)";
		err = raise_ambient(keep);
	}
	if (!err) {
		*step = "capget (confirm capabilities dropped)";
		err = verify(keep, privileged);
	}
	if (!err && privileged) {
		*step = "prctl(PR_GET_SECUREBITS) (confirm locked)";
		err = verify_securebits(keep);
	}
	return err;
}
