// SPDX-License-Identifier: LGPL-2.1-or-later
/* The loader's rules settled, once every file is read. */
#ifndef CAGE_MERGE_H
#define CAGE_MERGE_H

#include "lang/loader.h"

/* Precedence, conflicts and 'deny', once every file is read. */
int cage_merge_finish(struct cage_loader *ld);

#endif
