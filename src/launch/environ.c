// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The environment the target sees.  CI runners put tokens in the
 * environment: under 'env clear' only the variables a policy names (or
 * whose prefix it names: 'env keep NODE_*') get through, so a secret
 * reaches the target only if someone asked for it; and the names of
 * those that did not are told, never their values.
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

/* KEEP is a name or, ending in '*', a prefix of names (isolation.c
 * checked it: the prefix holds no '=', so it cannot reach the value). */
static bool
kept(const struct cage_isolation *iso, const char *entry)
{
	for (size_t i = 0; i < iso->nenv_keep; i++) {
		const char *keep = iso->env_keep[i];
		size_t n = strlen(keep);

		if (n && keep[n - 1] == '*' ? !strncmp(entry, keep, n - 1)
					    : is_var(entry, keep))
			return true;
	}
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

/* Entries by name, the name ending at '=' (or the end). */
static int
name_cmp(const char *a, const char *b)
{
	for (; *a && *a != '=' && *a == *b; a++, b++)
		;
	return (unsigned char)(*a == '=' ? 0 : *a) -
	       (unsigned char)(*b == '=' ? 0 : *b);
}

static int
entry_cmp(const void *a, const void *b)
{
	return name_cmp(*(char *const *)a, *(char *const *)b);
}

static char **
sorted_copy(char *const *env, size_t n)
{
	char **v = calloc(n + 1, sizeof(*v));

	if (!v)
		return NULL;
	memcpy(v, env, n * sizeof(*v));
	qsort(v, n, sizeof(*v), entry_cmp);
	return v;
}

/*
 * The names of BASE's variables that ENV lacks, sorted, each once, as
 * their own strings: never a byte of a value.
 */
static int
dropped_names(char *const *base, size_t nbase, char *const *env,
	      struct cage_env_dropped *d)
{
	size_t nenv = count(env);
	char **b = sorted_copy(base, nbase), **e = sorted_copy(env, nenv);
	int err = b && e ? 0 : -ENOMEM;

	for (size_t i = 0; i < nbase && !err; i++) {
		const char *eq = strchr(b[i], '=');

		if (!eq || eq == b[i] ||
		    (d->n && !name_cmp(d->names[d->n - 1], b[i])) ||
		    bsearch(&b[i], e, nenv, sizeof(*e), entry_cmp))
			continue;
		d->names[d->n] = strndup(b[i], (size_t)(eq - b[i]));
		if (!d->names[d->n])
			err = -ENOMEM;
		else
			d->n++;
	}
	free(b);
	free(e);
	return err;
}

void
cage_env_dropped_free(struct cage_env_dropped *d)
{
	for (size_t i = 0; d->names && i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	d->names = NULL;
	d->n = 0;
}

int
cage_environ_dropped(char *const *base, char *const *env,
		     struct cage_env_dropped *d)
{
	size_t nbase = count(base);
	int err;

	d->n = 0;
	d->names = calloc(nbase + 1, sizeof(*d->names));
	if (!d->names)
		return -ENOMEM;
	err = dropped_names(base, nbase, env, d);
	if (err)
		cage_env_dropped_free(d);
	return err;
}

/*
 * GCC 12's -fanalyzer loses the strings once pass() moves them from ENV
 * to the array it returns (and the old array alone is freed), and calls
 * each leaked; cage_environ_free() frees them, which ASan, valgrind and
 * clang's unix.Malloc check (test_environ).
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
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
		if (!strchr(base[i], '='))
			continue; /* not a variable: nothing passes it on */
		env[k] = strdup(base[i]); /* stored at once: freed with env */
		if (!env[k]) {
			cage_environ_free(env);
			return -ENOMEM;
		}
		k++;
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
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic pop
#endif

void
cage_environ_free(char **env)
{
	if (!env)
		return;
	for (size_t i = 0; env[i]; i++)
		free(env[i]);
	free(env);
}
