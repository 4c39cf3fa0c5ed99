// SPDX-License-Identifier: LGPL-2.1-or-later
/* 'private gitconfig': git's user configuration without its secrets. */
#ifndef CAGE_GITCONFIG_H
#define CAGE_GITCONFIG_H

#include <stddef.h>

/*
 * The entries of git configuration TEXT (LEN bytes) that carry no secret
 * and run nothing: the identity, init.defaultBranch, safe.directory and a
 * few formatting settings (the list in gitconfig.c), as a configuration
 * of their own; everything else is dropped (credential helpers, url
 * rewrites, http headers, includes, remotes, commands).  Malloc'd; NULL
 * with errno set if there is no memory.
 */
char *cage_gitconfig_sanitise(const char *text, size_t len);

/*
 * HOME's git configuration (the XDG file, then ~/.gitconfig, as git reads
 * them), sanitised, with a first comment saying what was done; *OUT is
 * malloc'd.  A missing or unreadable file counts as empty; one that is
 * not a regular file or over 1 MiB is -EINVAL.
 */
int cage_gitconfig_load(const char *home, char **out);

#endif
