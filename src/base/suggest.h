// SPDX-License-Identifier: LGPL-2.1-or-later
/* "Did you mean ...?": the closest known name to a misspelt one. */
#ifndef CAGE_SUGGEST_H
#define CAGE_SUGGEST_H

struct cage_suggest {
	const char *word;
	const char *best; /* points at a candidate the caller keeps alive */
	unsigned best_dist;
};

void cage_suggest_init(struct cage_suggest *s, const char *word);
void cage_suggest_offer(struct cage_suggest *s, const char *candidate);
/* The best candidate if it is close enough to be a typo, else NULL. */
const char *cage_suggest_result(const struct cage_suggest *s);

#endif
