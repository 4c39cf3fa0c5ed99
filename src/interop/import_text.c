// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --import, the writing half: each entry of a profile as policy
 * statements, or as comments saying why the runtime would not apply it,
 * and the 32-bit arguments' comparisons said so that syscage accepts them.
 */
#include "interop/import_entry.h"
#include "interop/import_json.h"
#include "interop/import_text.h"
#include "base/syscall_args.h"
#include "base/syscalls.h"
#include "base/text_escape.h"
#include "policy/action.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * Text of the profile (its comments, versions, capability and architecture
 * names, its file name) for a comment in the policy: escaped, so that no
 * line break or control byte can end the comment and start a statement.
 */
static void
print_text(FILE *out, const char *s)
{
	size_t len = strlen(s);
	char *buf = malloc(4 * len + 1);

	if (!buf) {
		fputs("(out of memory)", out);
		return;
	}
	cage_text_escape(buf, 4 * len + 1, s, len, 0);
	fputs(buf, out);
	free(buf);
}

static size_t
name_count(const struct cage_import_entry *e)
{
	return e->names ? json_object_array_length(e->names) : 1;
}

static const char *
name_at(const struct cage_import_entry *e, size_t k)
{
	return e->names ? cage_json_str_at(e->names, k) : e->name;
}

static void
print_value(FILE *out, uint64_t v)
{
	fprintf(out, v < 10 ? "%llu" : "%#llx", (unsigned long long)v);
}

/* One comparison in policy text ("" for a mask of 0: any value). */
static void
print_cmp(FILE *out, const struct cage_cmp *c)
{
	static const char *const ops[] = {
		"==", "!=", "<", "<=", ">", ">=", "&", "=="};

	if (c->op == CAGE_OP_MASKED_EQ && !c->mask)
		return;
	fprintf(out, "arg%u ", c->arg);
	if (c->op == CAGE_OP_MASKED_EQ && c->mask == 0xffffffffu) {
		fputs("== ", out); /* on a 32-bit argument, the same */
	} else if (c->op == CAGE_OP_MASKED_EQ) {
		fputs("& ", out);
		print_value(out, c->mask);
		fputs(" == ", out);
	} else {
		fprintf(out, "%s ", ops[c->op]);
	}
	print_value(out, c->value);
}

/*
 * The kernel reads a 32-bit argument's low half only, so syscage refuses
 * !=, > and >= on one, and < and <= in a rule that denies: they become
 * masked comparisons of the low 32 bits, which say what the runtime meant.
 */
static int
alternatives(const struct cage_cmp *c, bool narrow, bool denies,
	     struct cage_cmp out[65])
{
	bool rewrite = c->op == CAGE_OP_NE || c->op == CAGE_OP_GT ||
		       c->op == CAGE_OP_GE ||
		       (denies && (c->op == CAGE_OP_LT || c->op == CAGE_OP_LE));

	if (narrow && rewrite)
		return cage_cmp_to_masks(c, 0xffffffffu, out);
	out[0] = *c;
	return 1;
}

/* Some alternative compares nothing: the condition always holds. */
static bool
always(struct cage_cmp alt[6][65], const unsigned count[6], size_t total)
{
	for (size_t k = 0; k < total; k++) {
		size_t rest = k;
		bool empty = true;

		for (unsigned a = 0; a < 6; a++) {
			const struct cage_cmp *c;

			if (!count[a])
				continue;
			c = &alt[a][rest % count[a]];
			rest /= count[a];
			empty &= c->op == CAGE_OP_MASKED_EQ && !c->mask;
		}
		if (empty)
			return true;
	}
	return false;
}

/* Alternative K of the product, its comparisons joined by &&. */
static void
print_alternative(FILE *out, struct cage_cmp alt[6][65],
		  const unsigned count[6], size_t k)
{
	const char *sep = "";

	for (unsigned a = 0; a < 6; a++) {
		const struct cage_cmp *c;

		if (!count[a])
			continue;
		c = &alt[a][k % count[a]];
		k /= count[a];
		if (c->op == CAGE_OP_MASKED_EQ && !c->mask)
			continue;
		fputs(sep, out);
		print_cmp(out, c);
		sep = " && ";
	}
}

/* Each argument's alternatives; how many combinations they make. */
static size_t
expand(struct cage_import *im, const struct cage_import_entry *e,
       const char *name, struct cage_cmp alt[6][65], unsigned count[6])
{
	unsigned narrow = cage_syscall_args32(name);
	bool denies = e->action.kind != CAGE_ACTION_ALLOW &&
		      e->action.kind != CAGE_ACTION_LOG;
	size_t total = 1;

	for (unsigned a = 0; a < 6; a++) {
		if (!(e->box.used & (1u << a)))
			continue;
		count[a] = (unsigned)alternatives(
			&e->box.args[a], narrow & (1u << a), denies, alt[a]);
		total *= count[a];
		if (count[a] == 1 && alt[a][0].op == e->box.args[a].op)
			continue;
		fputs("# The profile says ", im->out);
		print_cmp(im->out, &e->box.args[a]);
		fprintf(im->out,
			", but the kernel reads only the low 32 bits\n"
			"# of arg%u of %s: said as masks of those.\n",
			a, name);
	}
	return total;
}

/* "ACTION NAME if A || B ..." with the box's alternatives multiplied out. */
static int
print_rule(struct cage_import *im, const struct cage_import_entry *e,
	   const char *name)
{
	struct cage_cmp alt[6][65];
	unsigned count[6] = {0};
	size_t total = expand(im, e, name, alt, count), col;
	char act[32];

	cage_action_str(&e->action, act, sizeof(act));
	if (total == 0) {
		fprintf(im->out,
			"# never true of the kernel's 32 bits, so left out: "
			"%s\n",
			name);
		return 0;
	}
	if (total > 256)
		return -E2BIG;
	if (always(alt, count, total)) {
		fprintf(im->out, "%s %s    # the condition always holds\n", act,
			name);
		return 0;
	}
	col = (size_t)fprintf(im->out, "%s %s if ", act, name);
	for (size_t k = 0; k < total; k++) {
		long start;

		if (k && col > 50) {
			fputs(" || \\\n\t", im->out);
			col = 8;
		} else if (k) {
			fputs(" || ", im->out);
		}
		start = ftell(im->out);
		print_alternative(im->out, alt, count, k);
		col += (size_t)(ftell(im->out) - start);
	}
	fputc('\n', im->out);
	return 0;
}

enum fate { WRITE, UNKNOWN, FOREIGN, DECIDED, OVERRIDDEN, FATES };

/* HEAD, then the names whose fate is WANT, wrapped with CONT. */
static void
print_names(FILE *out, const char *head, const char *cont,
	    const struct cage_import_entry *e, const unsigned char *fate,
	    int want)
{
	size_t col = 0;

	for (size_t k = 0; k < name_count(e); k++) {
		const char *name = name_at(e, k);

		if (fate[k] != want)
			continue;
		if (!col) {
			col = (size_t)fprintf(out, "%s ", head);
		} else if (col + strlen(name) > 76) {
			fputs(cont, out);
			col = 8;
		} else {
			col += (size_t)fprintf(out, " ");
		}
		col += (size_t)fprintf(out, "%s", name);
	}
	if (col)
		fputc('\n', out);
}

static int
print_entry(struct cage_import *im, const struct cage_import_entry *e, size_t i)
{
	static const char *const why[FATES] = {
		[UNKNOWN] = "# unknown to this libseccomp, so skipped as runc "
			    "and crun skip them:",
		[FOREIGN] = "# not x86-64 system calls:",
		[DECIDED] = "# left to an earlier entry (libseccomp keeps the "
			    "first rule without arguments):",
		[OVERRIDDEN] = "# dropped, as libseccomp drops conditions once "
			       "a rule without arguments names the syscall:",
	};
	size_t n = name_count(e);
	unsigned char *fate = calloc(n ? n : 1, 1);
	char act[32];
	int err = 0;

	if (!fate)
		return -ENOMEM;
	for (size_t k = 0; k < n; k++) {
		int nr = cage_syscall_number(name_at(e, k));

		if (nr == -ENOENT)
			fate[k] = UNKNOWN;
		else if (nr < 0 || nr >= CAGE_IMPORT_NR_MAX)
			fate[k] = FOREIGN;
		else if (e->box.used)
			fate[k] = im->uncond[nr] ? OVERRIDDEN : WRITE;
		else
			fate[k] = im->uncond[nr] == i + 1 ? WRITE : DECIDED;
	}
	cage_action_str(&e->action, act, sizeof(act));
	if (e->note)
		fprintf(im->out, "# %s\n", e->note);
	if (!e->box.used)
		print_names(im->out, act, " \\\n\t", e, fate, WRITE);
	for (size_t k = 0; k < n && e->box.used && !err; k++)
		if (fate[k] == WRITE)
			err = print_rule(im, e, name_at(e, k));
	for (int f = UNKNOWN; f < FATES; f++)
		print_names(im->out, why[f], "\n#   ", e, fate, f);
	free(fate);
	return err;
}

/* An entry that does not apply here, or that runtimes skip, as comments. */
static int
print_skipped(struct cage_import *im, const struct cage_import_entry *e,
	      const char *why)
{
	size_t n = name_count(e);
	unsigned char *fate = calloc(n ? n : 1, 1);

	if (!fate)
		return -ENOMEM;
	fputs("# not applied: ", im->out);
	print_text(im->out, why);
	fputs(":\n", im->out);
	print_names(im->out, "#  ", "\n#   ", e, fate, WRITE);
	free(fate);
	return 0;
}

void
cage_import_print_header(struct cage_import *im, const char *dflt_note)
{
	char act[32];

	fprintf(im->out,
		"# Imported by syscage %s from a Docker/OCI seccomp "
		"profile:\n#   ",
		CAGE_VERSION);
	print_text(im->out, im->src.name);
	fprintf(im->out,
		"\n# flattened for this machine: x86-64 only (i386 and x32 "
		"calls are killed),\n"
		"# Linux %u.%u, no capabilities (syscage drops them all).  "
		"Entries that do not\n"
		"# apply, and names the runtime would skip, are kept as "
		"comments.\n",
		im->kernel[0], im->kernel[1]);
	if (dflt_note)
		fprintf(im->out, "# defaultAction: %s\n", dflt_note);
	fprintf(im->out, "default %s\n",
		cage_action_str(&im->dflt, act, sizeof(act)));
}

/* Which entry decides each syscall that some rule without arguments names. */
void
cage_import_decide(struct cage_import *im, const struct cage_import_entry *v,
		   size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].bad || v[i].why[0] || v[i].box.used ||
		    cage_action_equal(&v[i].action, &im->dflt))
			continue;
		for (size_t k = 0; k < name_count(&v[i]); k++) {
			int nr = cage_syscall_number(name_at(&v[i], k));

			if (nr >= 0 && nr < CAGE_IMPORT_NR_MAX &&
			    !im->uncond[nr])
				im->uncond[nr] = i + 1;
		}
	}
}

int
cage_import_print_entries(struct cage_import *im,
			  const struct cage_import_entry *v, size_t n)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		struct cage_jstep p[2] = {{"syscalls", 0}, {NULL, i}};

		fprintf(im->out, "\n# syscalls[%zu]%s", i,
			v[i].comment ? ": " : "");
		print_text(im->out, v[i].comment ? v[i].comment : "");
		fputc('\n', im->out);
		if (v[i].why[0])
			err = print_skipped(im, &v[i], v[i].why);
		else if (cage_action_equal(&v[i].action, &im->dflt))
			err = print_skipped(im, &v[i],
					    "the default's own action, which "
					    "runtimes skip");
		else
			err = print_entry(im, &v[i], i);
		if (err == -E2BIG) {
			cage_import_report(
				im, CAGE_SEVERITY_ERROR, p, 2, false,
				"its conditions on 32-bit arguments need more "
				"than 256 alternatives");
			err = 0;
		}
	}
	return err;
}

/* The text must load: a profile that imports to a broken policy is a bug. */
int
cage_import_verify(struct cage_import *im, const char *text, size_t len)
{
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;
	int err;

	err = cage_policy_load_buffer(im->src.name, NULL, text, len, &d, &pol);
	for (size_t i = 0; err && i < d.n; i++)
		cage_diag_add(im->diags, CAGE_SEVERITY_ERROR, NULL,
			      "the imported policy does not load (a syscage "
			      "bug): line %u: %s",
			      d.v[i].line, d.v[i].message);
	cage_policy_free(pol);
	cage_diags_free(&d);
	return err;
}
