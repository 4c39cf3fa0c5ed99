// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Files syscage writes (--report, --learn) in directories the target may
 * write: prepared before the target runs, written unnamed, and renamed
 * into place within the directory held open from the start.
 */
#ifndef CAGE_OUTFILE_H
#define CAGE_OUTFILE_H

#include "syscage.h"

/* struct cage_outfile and its functions are public: syscage.h. */

#endif
