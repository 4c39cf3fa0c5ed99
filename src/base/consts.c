// SPDX-License-Identifier: LGPL-2.1-or-later
/* Looking up the named constants of the generated table (consts_table.c). */
#include "base/consts.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CAGE_ERRNO_MAX 4095

/* Other names for an errno value; never the name printed for it. */
static const char *const errno_aliases[] = {
	"EWOULDBLOCK", /* EAGAIN */
	"EDEADLOCK",   /* EDEADLK */
	"ENOTSUP",     /* EOPNOTSUPP */
};

static int
compare(const void *key, const void *elem)
{
	const struct cage_const *c = elem;

	return strcmp(key, c->name);
}

static const struct cage_const *
find(const char *name)
{
	return bsearch(name, cage_consts, cage_consts_count,
		       sizeof(cage_consts[0]), compare);
}

/* 'E' then capitals and digits only: EPERM, E2BIG; not EFD_CLOEXEC. */
static bool
is_errno_name(const char *name)
{
	if (name[0] != 'E' || !name[1])
		return false;
	for (const char *p = name + 1; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

static bool
is_alias(const char *name)
{
	for (size_t i = 0; i < sizeof(errno_aliases) / sizeof(errno_aliases[0]);
	     i++)
		if (!strcmp(name, errno_aliases[i]))
			return true;
	return false;
}

int
cage_const_lookup(const char *name, uint64_t *value)
{
	const struct cage_const *c = find(name);

	if (!c)
		return -ENOENT;
	*value = c->value;
	return 0;
}

int
cage_errno_lookup(const char *name)
{
	const struct cage_const *c;

	if (!is_errno_name(name))
		return -ENOENT;
	c = find(name);
	if (!c || c->value < 1 || c->value > CAGE_ERRNO_MAX)
		return -ENOENT;
	return (int)c->value;
}

const char *
cage_errno_name(int err)
{
	const char *alias = NULL;

	if (err < 1 || err > CAGE_ERRNO_MAX)
		return NULL;
	for (size_t i = 0; i < cage_consts_count; i++) {
		const struct cage_const *c = &cage_consts[i];

		if (c->value != (uint64_t)err || !is_errno_name(c->name))
			continue;
		if (!is_alias(c->name))
			return c->name;
		if (!alias)
			alias = c->name;
	}
	return alias;
}

void
cage_const_foreach(void (*fn)(const char *name, void *ctx), void *ctx)
{
	for (size_t i = 0; i < cage_consts_count; i++)
		fn(cage_consts[i].name, ctx);
}
