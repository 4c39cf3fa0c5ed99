// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * 'private gitconfig' (policy 'private gitconfig', ci): the job's git
 * finds the user's identity and safe directories, and nothing that holds
 * or fetches a secret.  An allowlist, read line by line in git's syntax:
 *  - "[section]" headers; a subsection ("[url \"...\"]", "[a.b]") is
 *    never kept: credential.<url>, url.<base>.insteadOf, http.<url>.*,
 *    includeIf.<cond>.path, remote.<name>.url all have one;
 *  - "key = value" (or "key" alone) on its own line or after a header;
 *    a value continued on the next line (backslash at the end) is
 *    dropped with its continuation lines, as is any with a control
 *    character;
 *  - kept entries are written again as "[section]" and "\tkey = value",
 *    the value as it was written (git's quoting and comments intact).
 */
#include "launch/gitconfig.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILE (1u << 20)

/* section.key, lower case: none holds a secret or names a command. */
static const char *const kept[] = {
	"user.name",
	"user.email",
	"init.defaultbranch",
	"safe.directory",
	"core.autocrlf",
	"core.eol",
	"core.safecrlf",
	"core.filemode",
	"core.ignorecase",
	"core.quotepath",
	"core.whitespace",
	"core.symlinks",
	"core.precomposeunicode",
	"pull.rebase",
	"pull.ff",
	"merge.conflictstyle",
	"merge.ff",
	"diff.algorithm",
	"diff.renames",
	"color.ui",
	"advice.detachedhead",
};

static bool
is_kept(const char *section, const char *key, size_t klen)
{
	size_t slen = strlen(section);

	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++)
		if (!strncasecmp(kept[i], section, slen) &&
		    kept[i][slen] == '.' &&
		    strlen(kept[i] + slen + 1) == klen &&
		    !strncasecmp(kept[i] + slen + 1, key, klen))
			return true;
	return false;
}

struct out {
	char *buf;
	size_t len, cap;
};

static int
put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		char *b;

		while (o->len + n + 1 > cap)
			cap *= 2;
		b = realloc(o->buf, cap);
		if (!b)
			return -ENOMEM;
		o->buf = b;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
	return 0;
}

/* "[name]" at S: the section's name into SECTION ("" for one with a
 * subsection, or malformed); returns what follows ']'. */
static const char *
header(const char *s, const char *end, char *section, size_t size)
{
	const char *close = memchr(s, ']', (size_t)(end - s));
	size_t n;

	section[0] = '\0';
	if (!close)
		return end;
	s++;
	n = (size_t)(close - s);
	if (n && n < size &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz"
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n) {
		memcpy(section, s, n);
		section[n] = '\0';
	}
	return close + 1;
}

/* One "key [= value]" in [S, END) of SECTION, kept or not. */
static int
entry(struct out *o, const char *section, const char *s, const char *end)
{
	size_t klen = 0;
	const char *v;

	while (s + klen < end &&
	       (isalnum((unsigned char)s[klen]) || s[klen] == '-'))
		klen++;
	if (!klen || !section[0] || !is_kept(section, s, klen))
		return 0;
	for (v = s + klen; v < end; v++)
		if ((unsigned char)*v < 0x20 && *v != '\t')
			return 0;
	v = s + klen;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	if (v < end && *v != '=' && *v != '#' && *v != ';')
		return 0;
	if (put(o, "[", 1) || put(o, section, strlen(section)) ||
	    put(o, "]\n\t", 3) || put(o, s, (size_t)(end - s)) ||
	    put(o, "\n", 1))
		return -ENOMEM;
	return 0;
}

char *
cage_gitconfig_sanitise(const char *text, size_t len)
{
	struct out o = {0};
	char section[64] = "";
	const char *s = text, *end = text + len;
	bool continued = false;

	if (put(&o, "", 0)) {
		errno = ENOMEM;
		return NULL;
	}
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *eol = nl ? nl : end, *p = s;
		bool cont;

		if (eol > s && eol[-1] == '\r')
			eol--;
		cont = eol > s && eol[-1] == '\\';
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		if (!continued && p < eol && *p == '[') {
			p = header(p, eol, section, sizeof(section));
			while (p < eol && (*p == ' ' || *p == '\t'))
				p++;
		}
		if (!continued && !cont && p < eol && *p != '#' && *p != ';' &&
		    entry(&o, section, p, eol)) {
			free(o.buf);
			errno = ENOMEM;
			return NULL;
		}
		continued = cont;
		s = nl ? nl + 1 : end;
	}
	return o.buf;
}

/* PATH's text into *TEXT (NULL when missing or unreadable). */
static int
read_file(const char *path, char **text, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	ssize_t n = 0;
	size_t got = 0;
	int err = 0;

	*text = NULL;
	*len = 0;
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > (off_t)MAX_FILE)
		err = -EINVAL;
	else if (!(*text = malloc((size_t)st.st_size + 1)))
		err = -ENOMEM;
	while (!err && got < (size_t)st.st_size &&
	       (n = read(fd, *text + got, (size_t)st.st_size - got)) != 0) {
		if (n < 0 && errno != EINTR)
			err = -errno;
		else if (n > 0)
			got += (size_t)n;
	}
	close(fd);
	if (err) {
		free(*text);
		*text = NULL;
		return err;
	}
	*len = got;
	return 0;
}

int
cage_gitconfig_load(const char *home, char **out)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	char paths[2][PATH_MAX];
	static const char note[] =
		"# syscage 'private gitconfig': your git identity and safe "
		"directories;\n# credentials, URL rewrites, includes and "
		"helpers are left out.\n";
	struct out o = {0};
	int err = put(&o, note, sizeof(note) - 1);

	if (xdg && xdg[0] == '/')
		snprintf(paths[0], sizeof(paths[0]), "%s/git/config", xdg);
	else
		snprintf(paths[0], sizeof(paths[0]), "%s/.config/git/config",
			 home);
	snprintf(paths[1], sizeof(paths[1]), "%s/.gitconfig", home);
	for (int i = 0; i < 2 && !err; i++) {
		char *text, *kept_text;
		size_t len;

		err = read_file(paths[i], &text, &len);
		if (err || !text)
			continue;
		kept_text = cage_gitconfig_sanitise(text, len);
		free(text);
		err = kept_text ? put(&o, kept_text, strlen(kept_text))
				: -ENOMEM;
		free(kept_text);
	}
	if (err) {
		free(o.buf);
		return err;
	}
	*out = o.buf;
	return 0;
}
