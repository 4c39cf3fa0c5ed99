// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Installed by the runner as a setuid-root copy and as a copy with file
 * capabilities; executed inside the sandbox it must gain nothing: the
 * effective and saved uids stay the real one, no capability appears.
 */
#include "escape.h"

#include <stdio.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "exec of a privileged binary";
	uid_t r, e, s;
	long long prm = esc_status_field("/proc/self/status", "CapPrm", 16);
	long long eff = esc_status_field("/proc/self/status", "CapEff", 16);

	if (getresuid(&r, &e, &s) < 0)
		esc_broken("getresuid", 0);
	if (e != r || s != r || prm != 0 || eff != 0)
		esc_escaped(what,
			    "uid %u euid %u suid %u CapPrm %llx CapEff "
			    "%llx",
			    r, e, s, prm, eff);
	else
		esc_blocked(what, "uid %u euid %u, no capabilities", r, e);
	return esc_finish();
}
