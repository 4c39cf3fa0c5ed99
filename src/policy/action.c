// SPDX-License-Identifier: LGPL-2.1-or-later
/* Actions: how restrictive each is, and how each is written. */
#include "base/consts.h"
#include "policy/action.h"
#include "policy/policy.h"

#include <stdio.h>

/* The kernel's precedence: when stacked filters disagree, the higher wins. */
int
cage_action_rank(const struct cage_action *a)
{
	switch (a->kind) {
	case CAGE_ACTION_ALLOW:
		return 0;
	case CAGE_ACTION_LOG:
		return 1;
	case CAGE_ACTION_NOTIFY:
		return 2;
	case CAGE_ACTION_ERRNO:
		return 3;
	case CAGE_ACTION_TRAP:
		return 4;
	case CAGE_ACTION_KILL:
		return 5;
	case CAGE_ACTION_NONE:
	case CAGE_ACTION_DENY:
		break;
	}
	return 5;
}

bool
cage_action_equal(const struct cage_action *a, const struct cage_action *b)
{
	return a->kind == b->kind &&
	       (a->kind != CAGE_ACTION_ERRNO || a->errnum == b->errnum);
}

const char *
cage_action_str(const struct cage_action *a, char *buf, size_t size)
{
	const char *name;

	if (a->kind != CAGE_ACTION_ERRNO) {
		snprintf(buf, size, "%s", cage_action_name(a->kind));
		return buf;
	}
	name = cage_errno_name(a->errnum);
	if (name)
		snprintf(buf, size, "errno %s", name);
	else
		snprintf(buf, size, "errno %d", a->errnum);
	return buf;
}

static const char *const action_words[] = {
	[CAGE_ACTION_ALLOW] = "allow", [CAGE_ACTION_LOG] = "log",
	[CAGE_ACTION_ERRNO] = "errno", [CAGE_ACTION_TRAP] = "trap",
	[CAGE_ACTION_KILL] = "kill",   [CAGE_ACTION_DENY] = "deny",
};

const char *
cage_action_name(enum cage_action_kind kind)
{
	if (kind <= CAGE_ACTION_NONE || kind > CAGE_ACTION_DENY)
		return "none";
	return action_words[kind];
}
