// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A refused path in words (fs_check.c finds it): the rule that fell
 * short or the one missing, and the fs line and the option that would
 * allow it.  Paths come from the target: escaped before they are shown.
 */
#include "supervise/fs_explain.h"

#include "supervise/fs_advice.h"

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
 * which is what a tool keeps there; elsewhere P itself: as fs_advice.c
 * allows, else nothing and F->withheld says why.
 */
void
cage_fs_say_allow(const char *home, const char *p, unsigned need,
		  struct cage_fs_finding *f)
{
	size_t hl = strlen(home);
	char path[CAGE_PATH_MAX], esc[160];
	const char *w = fs_word(need), *var = "", *opt = "", *shown;
	int a, o;

	f->allow[0] = f->option[0] = f->withheld[0] = '\0';
	if (cage_fs_advice(home, p, need, path, sizeof(path), f->withheld,
			   sizeof(f->withheld)))
		return;
	shown = cage_text_shown(path, esc, sizeof(esc));
	if (hl > 1 && !strncmp(path, home, hl) && path[hl] == '/') {
		shown = cage_text_shown(path + hl, esc, sizeof(esc));
		var = "$HOME";
		opt = "~";
	}
	a = snprintf(f->allow, sizeof(f->allow), "fs %s %s%s", w, var, shown);
	o = snprintf(f->option, sizeof(f->option), "--%s %s%s", w, opt, shown);
	if (a >= (int)sizeof(f->allow) || o >= (int)sizeof(f->option)) {
		f->allow[0] = f->option[0] = '\0';
		snprintf(f->withheld, sizeof(f->withheld),
			 "the path is too long to suggest");
	}
}
