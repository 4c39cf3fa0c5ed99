// SPDX-License-Identifier: LGPL-2.1-or-later
/* No embedded filters: for gen_embedded itself, which makes them. */
#include "compile/embedded.h"

const struct cage_embedded cage_embedded[1];
const size_t cage_embedded_count = 0;
