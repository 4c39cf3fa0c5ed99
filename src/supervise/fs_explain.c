// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A refused path in words (fs_check.c finds it): the rule that fell
 * short or the one missing, and the fs line and the option that would
 * allow it.  Paths come from the target: escaped before they are shown.
 */
#include "supervise/fs_explain.h"

#include <stdio.h>
#include <string.h>

static const char *
access_words(unsigned a)
{
	static const char *const w[] = {"nothing",
					"read",
					"write",
					"read and write",
					"execute",
					"read and execute",
					"write and execute",
					"read, write and execute"};

	return w[a & 7];
}

/* The fs word that grants NEED. */
static const char *
fs_word(unsigned need)
{
	if (need & CAGE_FS_WRITE)
		return "rw";
	return need & CAGE_FS_EXEC ? "rx" : "ro";
}

void
cage_fs_say_rule(const char *policy, const char *rule_path, unsigned access,
		 const char *file, unsigned line, unsigned granted,
		 struct cage_fs_finding *f)
{
	f->policy = policy;
	if (!rule_path) {
		snprintf(f->why, sizeof(f->why),
			 "no fs rule of %s covers it (Landlock)", policy);
		return;
	}
	f->file = file;
	f->line = line;
	snprintf(f->why, sizeof(f->why),
		 "fs %s %s (%s, line %u) grants %s only", fs_word(access),
		 rule_path, file ? file : policy, line, access_words(granted));
}

void
cage_fs_say_view(bool hidden, bool readonly, bool none, const char *where,
		 struct cage_fs_finding *f)
{
	if (none)
		snprintf(f->why, sizeof(f->why),
			 "hidden on purpose: the policy says 'fs none %s' "
			 "(keys, tokens, credentials)",
			 where);
	else if (hidden)
		snprintf(f->why, sizeof(f->why),
			 "hidden: %s is empty in the private view", where);
	else if (readonly)
		snprintf(f->why, sizeof(f->why),
			 "read-only in the private view");
	else
		snprintf(f->why, sizeof(f->why),
			 "absent from the private view (no fs rule names it)");
}

/*
 * Under $HOME, its first directory ($HOME/.npm for $HOME/.npm/_cacache/x),
 * which is what a tool keeps there; elsewhere P itself.
 */
void
cage_fs_say_allow(const char *home, const char *p, unsigned need,
		  struct cage_fs_finding *f)
{
	size_t hl = strlen(home);
	char buf[4096], esc[160];
	const char *w = fs_word(need), *shown;

	if (hl > 1 && !strncmp(p, home, hl) && (p[hl] == '/' || !p[hl])) {
		const char *rest = p + hl;
		int n = *rest ? (int)(strchrnul(rest + 1, '/') - rest) : 0;

		snprintf(buf, sizeof(buf), "%.*s", n, rest);
		shown = cage_text_shown(buf, esc, sizeof(esc));
		snprintf(f->allow, sizeof(f->allow), "fs %s $HOME%s", w, shown);
		snprintf(f->option, sizeof(f->option), "--%s ~%s", w, shown);
	} else {
		shown = cage_text_shown(p, esc, sizeof(esc));
		snprintf(f->allow, sizeof(f->allow), "fs %s %s", w, shown);
		snprintf(f->option, sizeof(f->option), "--%s %s", w, shown);
	}
}
