// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * syscage's filters and an OCI runtime's, side by side in bpfsim, so the
 * tests can say "the exported profile decides every call as syscage
 * does" about each call they try, arguments included.
 */
#include "sim.h"
#include "base/syscalls.h"
#include "interop/export_filter.h"
#include "compile/filter.h"
#include "syscage.h"

#include <ctype.h>
#include <errno.h>
#include <json-c/json.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HIGH (1ULL << 32)

static int
load(scmp_filter_ctx ctx, struct sim *s)
{
	int fd = memfd_create("bpf", MFD_CLOEXEC), err;

	if (fd < 0)
		return -errno;
	err = seccomp_export_bpf(ctx, fd);
	if (!err && lseek(fd, 0, SEEK_SET) < 0)
		err = -errno;
	if (!err)
		err = bpfsim_load_fd(fd, &s->prog[s->n], &s->len[s->n]);
	if (!err)
		s->n++;
	close(fd);
	return err;
}

int
sim_from_policy(const struct cage_policy *pol, struct sim *s)
{
	struct cage_diags diags = {0};
	struct cage_filter *f = NULL;
	int err;

	memset(s, 0, sizeof(*s));
	err = cage_filter_compile(pol, &diags, &f);
	for (size_t i = 0; i < diags.n; i++)
		cage_diag_print(&diags.v[i], stderr);
	cage_diags_free(&diags);
	for (size_t i = 0; !err && i < cage_filter_count(f); i++)
		err = load(f->parts[i].ctx, s);
	cage_filter_free(f);
	return err;
}

/* crun's get_seccomp_action(). */
static int
action(const char *name, uint32_t errno_ret, uint32_t *out)
{
	static const struct {
		const char *name;
		uint32_t act;
	} map[] = {
		{"SCMP_ACT_ALLOW", SCMP_ACT_ALLOW},
		{"SCMP_ACT_KILL", SCMP_ACT_KILL},
		{"SCMP_ACT_TRAP", SCMP_ACT_TRAP},
		{"SCMP_ACT_LOG", SCMP_ACT_LOG},
		{"SCMP_ACT_KILL_PROCESS", SCMP_ACT_KILL_PROCESS},
		{"SCMP_ACT_KILL_THREAD", SCMP_ACT_KILL_THREAD},
	};

	if (!strcmp(name, "SCMP_ACT_ERRNO")) {
		*out = SCMP_ACT_ERRNO(errno_ret);
		return 0;
	}
	if (!strcmp(name, "SCMP_ACT_TRACE")) {
		*out = SCMP_ACT_TRACE(errno_ret);
		return 0;
	}
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(name, map[i].name)) {
			*out = map[i].act;
			return 0;
		}
	return -EINVAL;
}

static uint32_t
errno_of(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v)
		       ? (uint32_t)json_object_get_int(v)
		       : EPERM;
}

static const char *
str(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v)
						     : "";
}

/* crun's loop over one syscalls[] entry's names and args. */
static int
add_entry(scmp_filter_ctx ctx, json_object *e, uint32_t act)
{
	json_object *names, *args = NULL;
	struct scmp_arg_cmp cmp[6];
	unsigned count[6] = {0};
	size_t n = 0;
	bool multiple = false;
	int err = 0;

	json_object_object_get_ex(e, "args", &args);
	for (size_t k = 0; args && k < json_object_array_length(args) && k < 6;
	     k++, n++) {
		static const char *const ops[] = {"",
						  "SCMP_CMP_NE",
						  "SCMP_CMP_LT",
						  "SCMP_CMP_LE",
						  "SCMP_CMP_EQ",
						  "SCMP_CMP_GE",
						  "SCMP_CMP_GT",
						  "SCMP_CMP_MASKED_EQ"};
		json_object *a = json_object_array_get_idx(args, k), *v;
		unsigned op = 1;

		while (op < 8 && strcmp(ops[op], str(a, "op")))
			op++;
		if (op == 8)
			return -EINVAL;
		json_object_object_get_ex(a, "index", &v);
		cmp[k].arg = (unsigned)json_object_get_int(v);
		multiple |= ++count[cmp[k].arg % 6] > 1;
		cmp[k].op = (enum scmp_compare)op;
		cmp[k].datum_a = json_object_object_get_ex(a, "value", &v)
					 ? json_object_get_uint64(v)
					 : 0;
		cmp[k].datum_b = json_object_object_get_ex(a, "valueTwo", &v)
					 ? json_object_get_uint64(v)
					 : 0;
	}
	json_object_object_get_ex(e, "names", &names);
	for (size_t i = 0; !err && i < json_object_array_length(names); i++) {
		/* As a runtime whose libseccomp knows syscage's names (the
		 * newer ones of base/syscalls.c included); others skip them. */
		int nr = cage_syscall_number(json_object_get_string(
			json_object_array_get_idx(names, i)));

		if (nr < 0)
			continue;
		if (!args || !multiple)
			err = seccomp_rule_add_array(ctx, act, nr, (unsigned)n,
						     cmp);
		for (size_t k = 0; args && multiple && k < n && !err; k++)
			err = seccomp_rule_add_array(ctx, act, nr, 1, &cmp[k]);
	}
	return err;
}

int
sim_from_oci(const char *json, struct sim *s)
{
	json_object *top = json_tokener_parse(json), *calls = NULL;
	uint32_t dflt, act;
	scmp_filter_ctx ctx;
	int err;

	memset(s, 0, sizeof(*s));
	if (!top)
		return -EINVAL;
	err = action(str(top, "defaultAction"),
		     errno_of(top, "defaultErrnoRet"), &dflt);
	ctx = err ? NULL : seccomp_init(dflt);
	if (!ctx) {
		json_object_put(top);
		return -EINVAL;
	}
	json_object_object_get_ex(top, "syscalls", &calls);
	for (size_t i = 0; !err && calls && i < json_object_array_length(calls);
	     i++) {
		json_object *e = json_object_array_get_idx(calls, i);

		err = action(str(e, "action"), errno_of(e, "errnoRet"), &act);
		if (!err && act != dflt)
			err = add_entry(ctx, e, act);
	}
	if (!err)
		err = load(ctx, s);
	seccomp_release(ctx);
	json_object_put(top);
	return err;
}

void
sim_free(struct sim *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->prog[i]);
	memset(s, 0, sizeof(*s));
}

static int
precedence(uint32_t ret)
{
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS:
		return 7;
	case SECCOMP_RET_KILL_THREAD:
		return 6;
	case SECCOMP_RET_TRAP:
		return 5;
	case SECCOMP_RET_ERRNO:
		return 4;
	case SECCOMP_RET_USER_NOTIF:
		return 3;
	case SECCOMP_RET_TRACE:
		return 2;
	case SECCOMP_RET_LOG:
		return 1;
	}
	return 0;
}

uint32_t
sim_run(const struct sim *s, int nr, const uint64_t args[6])
{
	struct seccomp_data sd = {.nr = nr, .arch = AUDIT_ARCH_X86_64};
	uint32_t best = SECCOMP_RET_ALLOW;

	memcpy(sd.args, args, sizeof(sd.args));
	for (size_t i = 0; i < s->n; i++) {
		struct bpfsim_result res;

		if (bpfsim_run(s->prog[i], s->len[i], &sd, &res))
			return SECCOMP_RET_KILL_THREAD; /* never a real answer */
		if (precedence(res.ret) >= precedence(best))
			best = res.ret;
	}
	return best;
}

struct values {
	uint64_t v[6][512];
	size_t n[6];
};

static void
add(struct values *vs, unsigned arg, uint64_t x)
{
	for (size_t i = 0; i < vs->n[arg]; i++)
		if (vs->v[arg][i] == x)
			return;
	if (vs->n[arg] < 512)
		vs->v[arg][vs->n[arg]++] = x;
}

/* Values on both sides of every comparison, high bits and mask bits. */
static void
add_cmp(struct values *vs, const struct cage_cmp *c)
{
	uint64_t v = c->value;

	add(vs, c->arg, v);
	add(vs, c->arg, v - 1);
	add(vs, c->arg, v + 1);
	add(vs, c->arg, v | HIGH);
	add(vs, c->arg, v ^ HIGH);
	if (c->op != CAGE_OP_MASKED_EQ)
		return;
	add(vs, c->arg, v | ~c->mask);
	for (unsigned b = 0; b < 64; b++)
		if (c->mask & (1ULL << b))
			add(vs, c->arg, v ^ (1ULL << b));
}

/* One value that satisfies C. */
static uint64_t
satisfy(const struct cage_cmp *c)
{
	switch (c->op) {
	case CAGE_OP_LT:
		return c->value - 1;
	case CAGE_OP_GT:
	case CAGE_OP_NE:
		return c->value + 1;
	default:
		return c->value;
	}
}

static sim_excuse_fn *excuse;

/*
 * The architecture's gap below 424 (base/syscalls.h) has no names, so a
 * profile cannot carry syscage's ENOSYS there: a runtime answers with the
 * profile's default instead.  Both refuse; only the refusal differs.
 */
static bool
refuses(uint32_t r)
{
	return (r & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ALLOW &&
	       (r & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_LOG;
}

static bool
unnamed_gap(int nr, uint32_t ra, uint32_t rb)
{
	const uint32_t enosys = SECCOMP_RET_ERRNO | ENOSYS;
	int first, last = cage_syscall_gap(&first);

	return nr >= first && nr <= last && (ra == enosys || rb == enosys) &&
	       refuses(ra) && refuses(rb);
}

static size_t
differ(const struct sim *a, const struct sim *b, int nr, const uint64_t x[6],
       size_t shown)
{
	uint32_t ra = sim_run(a, nr, x), rb = sim_run(b, nr, x);

	if (ra == rb || (excuse && excuse(nr, x, ra, rb)) ||
	    unnamed_gap(nr, ra, rb))
		return 0;
	if (shown < 10)
		fprintf(stderr,
			"differ: nr %d (%#llx, %#llx, %#llx, %#llx): %#x vs "
			"%#x\n",
			nr, (unsigned long long)x[0], (unsigned long long)x[1],
			(unsigned long long)x[2], (unsigned long long)x[3], ra,
			rb);
	return 1;
}

/* Vectors for NR: each rule satisfied, each argument varied, random mixes. */
static size_t
compare_nr(const struct cage_rule *r, size_t n, struct values *vs,
	   const struct sim *a, const struct sim *b, int nr, size_t bad)
{
	static const uint64_t base[] = {0, 1, 0xffffffff, HIGH, ~0ULL};
	uint64_t x[6] = {0};
	unsigned seed = (unsigned)nr * 2654435761u;

	memset(vs->n, 0, sizeof(vs->n));
	for (unsigned i = 0; i < 6; i++)
		for (size_t k = 0; k < sizeof(base) / sizeof(base[0]); k++)
			add(vs, i, base[k]);
	for (size_t i = 0; i < n; i++)
		for (unsigned k = 0; k < r[i].ncmps; k++)
			add_cmp(vs, &r[i].cmps[k]);
	bad += differ(a, b, nr, x, bad);
	for (size_t i = 0; i < n; i++) {
		memset(x, 0, sizeof(x));
		for (unsigned k = 0; k < r[i].ncmps; k++)
			x[r[i].cmps[k].arg] = satisfy(&r[i].cmps[k]);
		for (unsigned arg = 0; arg < 6; arg++)
			for (size_t k = 0; k < vs->n[arg] && n; k++) {
				uint64_t keep = x[arg];

				x[arg] = vs->v[arg][k];
				bad += differ(a, b, nr, x, bad);
				x[arg] = keep;
			}
	}
	for (int t = 0; n && t < 400; t++) {
		for (unsigned arg = 0; arg < 6; arg++) {
			seed = seed * 1103515245u + 12345u;
			x[arg] = vs->v[arg][(seed >> 8) % vs->n[arg]];
		}
		bad += differ(a, b, nr, x, bad);
	}
	return bad;
}

size_t
sim_compare(const struct cage_policy *pol, const struct sim *a,
	    const struct sim *b, int max_nr, sim_excuse_fn *why)
{
	struct values *vs = malloc(sizeof(*vs));
	struct cage_rule stack;
	size_t bad = 0, i = 0;

	if (!vs)
		return 1;
	excuse = why;
	for (int nr = 0; nr <= max_nr; nr++) {
		size_t j = i;

		while (i < pol->nrules && pol->rules[i].nr < nr)
			i++;
		j = i;
		while (j < pol->nrules && pol->rules[j].nr == nr)
			j++;
		if (cage_export_stacking_rule(pol, &stack) && stack.nr == nr)
			bad = compare_nr(&stack, 1, vs, a, b, nr, bad);
		else
			bad = compare_nr(&pol->rules[i], j - i, vs, a, b, nr,
					 bad);
	}
	free(vs);
	return bad;
}
