// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Did-you-mean suggestions by edit distance (optimal string alignment:
 * insert, delete, substitute, swap two neighbours), case-insensitive.
 */
#include "base/suggest.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#define MAX_WORD 64

static unsigned
min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;

	return m < c ? m : c;
}

static unsigned
distance(const char *a, const char *b)
{
	static unsigned d[MAX_WORD + 1][MAX_WORD + 1];
	size_t la = strlen(a), lb = strlen(b);

	if (la > MAX_WORD || lb > MAX_WORD)
		return ~0u;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			unsigned cost = tolower((unsigned char)a[i - 1]) !=
					tolower((unsigned char)b[j - 1]);

			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
				       d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[la][lb];
}

void
cage_suggest_init(struct cage_suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->best_dist = ~0u;
}

/* The largest distance cage_suggest_result accepts for WORD. */
static unsigned
typo_limit(size_t len)
{
	return len <= 4 ? 1 : (unsigned)(len / 3);
}

/*
 * A candidate whose length differs from the word's by more than the
 * result could accept, or by at least the best distance so far, cannot
 * change the result (the distance is at least the length difference):
 * it is skipped without the quadratic table.  The fuzzers and a policy
 * full of unknown names spent most of their time here.
 */
void
cage_suggest_offer(struct cage_suggest *s, const char *candidate)
{
	size_t la = strlen(s->word), lb = strlen(candidate);
	size_t diff = la > lb ? la - lb : lb - la;
	unsigned dist;

	if (diff > typo_limit(la) || diff >= s->best_dist)
		return;
	dist = distance(s->word, candidate);

	if (dist < s->best_dist) {
		s->best_dist = dist;
		s->best = candidate;
	}
}

const char *
cage_suggest_result(const struct cage_suggest *s)
{
	size_t len = strlen(s->word);

	if (!s->best || s->best_dist > typo_limit(len) || s->best_dist >= len ||
	    strcmp(s->best, s->word) == 0)
		return NULL;
	return s->best;
}
