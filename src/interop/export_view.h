// SPDX-License-Identifier: LGPL-2.1-or-later
/* The private view as notes for a container runtime (export.c). */
#ifndef CAGE_EXPORT_VIEW_H
#define CAGE_EXPORT_VIEW_H

#include "policy/policy.h"

/*
 * Notes in DIAGS on what a container runtime's mounts and namespaces
 * must be for POL's private view ('private', 'net loopback' or 'none',
 * the fs rules as binds); none when POL asks for no view.
 */
void cage_export_view_notes(const struct cage_policy *pol,
			    struct cage_diags *diags);

#endif
