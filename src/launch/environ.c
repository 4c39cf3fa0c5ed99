// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The environment the target sees.  CI runners put tokens in the
 * environment: under 'env clear' only the variables a policy names get
 * through, so a secret reaches the target only if someone asked for it.
 */
#include "launch/environ.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* "NAME=..." is variable NAME. */
static bool
is_var(const char *entry, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(entry, name, n) && entry[n] == '=';
}

static bool
kept(const struct cage_isolation *iso, const char *entry)
{
	for (size_t i = 0; i < iso->nenv_keep; i++)
		if (is_var(entry, iso->env_keep[i]))
			return true;
	return false;
}

static bool
replaced(const struct cage_isolation *iso, const char *entry)
{
	for (size_t i = 0; i < iso->nenv_set; i++)
		if (is_var(entry, iso->env_set[i].name))
			return true;
	return false;
}

static size_t
count(char *const *env)
{
	size_t n = 0;

	while (env && env[n])
		n++;
	return n;
}

/* One policy's pass: IN to a new *OUT; IN's strings move or are freed. */
static int
pass(const struct cage_isolation *iso, char **in, char ***out)
{
	size_t n = 0, cap = count(in) + iso->nenv_set + 1;
	char **env = calloc(cap, sizeof(*env));

	if (!env)
		return -ENOMEM;
	for (size_t i = 0; in[i]; i++) {
		if ((iso->env_clear && !kept(iso, in[i])) ||
		    replaced(iso, in[i]))
			free(in[i]);
		else
			env[n++] = in[i];
		in[i] = NULL;
	}
	for (size_t i = 0; i < iso->nenv_set; i++) {
		const struct cage_env_set *s = &iso->env_set[i];

		if (asprintf(&env[n], "%s=%s", s->name, s->value) < 0) {
			env[n] = NULL; /* undefined after a failure */
			cage_environ_free(env);
			return -ENOMEM;
		}
		n++;
	}
	*out = env;
	return 0;
}

int
cage_environ_build(struct cage_policy *const *pols, size_t n, char *const *base,
		   char ***out)
{
	size_t nbase = count(base);
	char **env = calloc(nbase + 1, sizeof(*env));
	int err = 0;

	*out = NULL;
	if (!env)
		return -ENOMEM;
	for (size_t i = 0, k = 0; i < nbase; i++) {
		char *var;

		if (!strchr(base[i], '='))
			continue; /* not a variable: nothing passes it on */
		var = strdup(base[i]);
		if (!var) {
			cage_environ_free(env);
			return -ENOMEM;
		}
		env[k++] = var;
	}
	for (size_t i = 0; i < n && !err; i++) {
		char **next;

		err = pass(&pols[i]->iso, env, &next);
		if (!err) {
			free(env);
			env = next;
		}
	}
	if (err) {
		cage_environ_free(env);
		return err;
	}
	*out = env;
	return 0;
}

void
cage_environ_free(char **env)
{
	if (!env)
		return;
	for (size_t i = 0; env[i]; i++)
		free(env[i]);
	free(env);
}
