// SPDX-License-Identifier: LGPL-2.1-or-later
/* Finding a policy's filters among those compiled into the binary. */
#include "lang/builtins.h"
#include "compile/embedded.h"
#include "compile/supervised.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

uint64_t
cage_text_hash(const char *text, size_t size)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < size; i++)
		h = (h ^ (unsigned char)text[i]) * 0x100000001b3ULL;
	return h;
}

/*
 * A built-in exactly as shipped: its top source (named as the policy;
 * the groups come first) is the built-in text of that name (built-ins include only built-ins), with nothing added, and
 * the embedded filters were compiled from that same text.
 */
const struct cage_embedded *
cage_embedded_of(const struct cage_policy *pol)
{
	const struct cage_source *src = NULL;
	const struct cage_builtin *b;

	for (size_t i = 0; pol && i < pol->nsources && !src; i++)
		if (pol->sources[i]->depth == 0 &&
		    !strcmp(pol->sources[i]->name, pol->name))
			src = pol->sources[i];
	if (!src || src->dir || !(b = cage_builtin_find(src->name)) ||
	    src->size != b->size || memcmp(src->text, b->text, b->size))
		return NULL;
	for (size_t i = 0; i < cage_embedded_count; i++) {
		const struct cage_embedded *e = &cage_embedded[i];

		if (!strcmp(e->name, src->name) && e->size == b->size &&
		    e->hash == cage_text_hash(b->text, b->size))
			return e;
	}
	return NULL;
}

int
cage_filter_from_embedded(const struct cage_embedded *e,
			  struct cage_filter **out)
{
	struct cage_filter *f = calloc(1, sizeof(*f));

	*out = NULL;
	if (!f)
		return -ENOMEM;
	f->embedded = e;
	f->n = e->nparts;
	*out = f;
	return 0;
}

int
cage_filter_for_launch(const struct cage_policy *pol, struct cage_diags *diags,
		       struct cage_filter **out)
{
	const struct cage_embedded *e = cage_embedded_of(pol);

	if (e)
		return cage_filter_from_embedded(e, out);
	return cage_filter_compile(pol, diags, out);
}

/* A built-in's, compiled into the binary: only the hand-over fd to set. */
static int
from_embedded(const struct cage_embedded *e, int status_fd,
	      struct sock_fprog *out)
{
	size_t size = e->notify.len * sizeof(*e->notify.insns);

	int at = e->notify_fd_at;

	if (at >= (int)e->notify.len ||
	    (at >= 0 && e->notify.insns[at].k != CAGE_EMBEDDED_FD_SENTINEL))
		return -EINVAL;
	out->filter = malloc(size);
	if (!out->filter)
		return -ENOMEM;
	memcpy(out->filter, e->notify.insns, size);
	if (at >= 0)
		out->filter[at].k = (uint32_t)status_fd;
	out->len = e->notify.len;
	return 0;
}

/*
 * For a launch: a built-in's supervised filter, compiled into the binary,
 * with the hand-over fd set; anything else emitted now.
 */
int
cage_supervised_for_launch(struct cage_policy *const *pols, size_t n,
			   bool learn, int status_fd, struct sock_fprog *out)
{
	const struct cage_embedded *emb;

	memset(out, 0, sizeof(*out));
	if (n == 0 || status_fd < 0)
		return -EINVAL;
	if (n == 1 && !learn && (emb = cage_embedded_of(pols[0])))
		return from_embedded(emb, status_fd, out);
	return cage_supervised_program(pols, n, learn, status_fd, out);
}
