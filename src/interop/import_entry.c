// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --import, reading a profile the way runc and crun read it: a member of
 * the type it must have, an action with its errno, a kernel version, and
 * each entry of syscalls[] with its names, arguments, includes and
 * excludes, flattened for this machine (import.c has the top level).
 */
#include "interop/import_entry.h"

#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The value of KEY in OBJ if it has type TYPE; an error if it has another. */
json_object *
cage_import_member(struct cage_import *im, json_object *obj, const char *key,
		   json_type type, struct cage_jstep *p, size_t n)
{
	static const char *const names[] = {
		[json_type_null] = "null",
		[json_type_boolean] = "a boolean",
		[json_type_double] = "a number",
		[json_type_int] = "a number",
		[json_type_object] = "an object",
		[json_type_array] = "an array",
		[json_type_string] = "a string",
	};
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !v)
		return NULL;
	if (json_object_is_type(v, type))
		return v;
	p[n].key = key;
	cage_import_report(im, CAGE_SEVERITY_ERROR, p, n + 1, false,
			   "expected %s", names[type]);
	return NULL;
}

/* An unsigned integer member, or an error. */
static bool
number(struct cage_import *im, json_object *obj, const char *key, uint64_t max,
       uint64_t *out, struct cage_jstep *p, size_t n)
{
	json_object *v = cage_import_member(im, obj, key, json_type_int, p, n);

	if (!v)
		return false;
	errno = 0;
	*out = json_object_get_uint64(v);
	if (json_object_get_int64(v) < 0 || errno || *out > max) {
		p[n].key = key;
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, n + 1, false,
				   "expected a number from 0 to %llu",
				   (unsigned long long)max);
		return false;
	}
	return true;
}

/* Every element of ARR at P is a string; errors for those that are not. */
bool
cage_import_strings(struct cage_import *im, json_object *arr,
		    struct cage_jstep *p, size_t n)
{
	bool ok = true;

	for (size_t i = 0; arr && i < json_object_array_length(arr); i++)
		if (!cage_json_str_at(arr, i)) {
			p[n] = (struct cage_jstep){NULL, i};
			cage_import_report(im, CAGE_SEVERITY_ERROR, p, n + 1,
					   false, "expected a string");
			ok = false;
		}
	return ok;
}

bool
cage_import_has_string(json_object *arr, const char *const *want)
{
	for (size_t i = 0; arr && i < json_object_array_length(arr); i++)
		for (const char *const *w = want; *w; w++)
			if (cage_json_str_at(arr, i) &&
			    !strcmp(cage_json_str_at(arr, i), *w))
				return true;
	return false;
}

/* Keys of OBJ not in KNOWN: warnings, as runtimes ignore them. */
void
cage_import_unknown_keys(struct cage_import *im, json_object *obj,
			 const char *const *known, struct cage_jstep *p,
			 size_t n)
{
	json_object_object_foreach(obj, key, val)
	{
		const char *const *k = known;

		(void)val;
		while (*k && strcmp(*k, key))
			k++;
		if (*k)
			continue;
		p[n].key = key;
		cage_import_report(im, CAGE_SEVERITY_WARNING, p, n + 1, true,
				   "unknown key, ignored");
	}
}

static const struct {
	const char *name;
	enum cage_action_kind kind;
	int errnum;
	const char *note;
} actions[] = {
	{"SCMP_ACT_ALLOW", CAGE_ACTION_ALLOW, 0, NULL},
	{"SCMP_ACT_LOG", CAGE_ACTION_LOG, 0, NULL},
	{"SCMP_ACT_ERRNO", CAGE_ACTION_ERRNO, EPERM, NULL},
	{"SCMP_ACT_TRAP", CAGE_ACTION_TRAP, 0, NULL},
	{"SCMP_ACT_KILL_PROCESS", CAGE_ACTION_KILL, 0, NULL},
	{"SCMP_ACT_KILL", CAGE_ACTION_KILL, 0,
	 "SCMP_ACT_KILL kills a thread; syscage kills the whole process"},
	{"SCMP_ACT_KILL_THREAD", CAGE_ACTION_KILL, 0,
	 "SCMP_ACT_KILL_THREAD kills a thread; syscage kills the whole "
	 "process"},
	{"SCMP_ACT_TRACE", CAGE_ACTION_ERRNO, ENOSYS,
	 "SCMP_ACT_TRACE with no tracer attached: the kernel answers ENOSYS"},
};

/* AKEY and EKEY of OBJ at P[0..N): an action as runc and crun read it. */
bool
cage_import_parse_action(struct cage_import *im, json_object *obj,
			 const char *akey, const char *ekey,
			 struct cage_jstep *p, size_t n, struct cage_action *a,
			 const char **note)
{
	json_object *v =
		cage_import_member(im, obj, akey, json_type_string, p, n);
	const char *name = v ? json_object_get_string(v) : NULL;
	bool has_errno = json_object_object_get_ex(obj, ekey, NULL);
	uint64_t e = 0;
	size_t i = 0;

	if (!name) {
		if (!json_object_object_get_ex(obj, akey, NULL))
			cage_import_report(im, CAGE_SEVERITY_ERROR, p, n, false,
					   "no '%s'", akey);
		return false;
	}
	while (i < sizeof(actions) / sizeof(actions[0]) &&
	       strcmp(actions[i].name, name))
		i++;
	p[n].key = akey;
	if (i == sizeof(actions) / sizeof(actions[0])) {
		cage_import_report(
			im, CAGE_SEVERITY_ERROR, p, n + 1, false,
			"'%s' is not an action syscage can enforce (%s)", name,
			strcmp(name, "SCMP_ACT_NOTIFY")
				? "SCMP_ACT_ALLOW, _ERRNO, _KILL_PROCESS, ..."
				: "it needs a supervisor the profile names");
		return false;
	}
	a->kind = actions[i].kind;
	a->errnum = actions[i].errnum;
	*note = actions[i].note;
	if (has_errno && a->kind != CAGE_ACTION_ERRNO) {
		cage_import_report(
			im, CAGE_SEVERITY_ERROR, p, n + 1, false,
			"'%s' with '%s': only SCMP_ACT_ERRNO takes an errno",
			name, ekey);
		return false;
	}
	if (!has_errno || a->errnum == ENOSYS)
		return true;
	if (!number(im, obj, ekey, 4095, &e, p, n))
		return false;
	if (e == 0) {
		p[n].key = ekey;
		cage_import_report(
			im, CAGE_SEVERITY_ERROR, p, n + 1, false,
			"errno 0 makes the call succeed without running it: "
			"syscage has no such action");
		return false;
	}
	a->errnum = (int)e;
	return true;
}

/*
 * "MAJOR[.MINOR...]" to V, MINOR 0 if absent; false if it does not start
 * with a number or a number overflows (sscanf's %u would not say).
 */
bool
cage_import_parse_version(const char *s, unsigned v[2])
{
	v[0] = v[1] = 0;
	for (int i = 0; i < 2; i++) {
		unsigned long n;
		char *end;

		if (*s < '0' || *s > '9')
			return i > 0;
		errno = 0;
		n = strtoul(s, &end, 10);
		if (errno || n > UINT_MAX)
			return false;
		v[i] = (unsigned)n;
		if (*end != '.')
			break;
		s = end + 1;
	}
	return true;
}

static bool
kernel_at_least(const struct cage_import *im, const char *version)
{
	unsigned v[2];

	if (!cage_import_parse_version(version, v))
		return false;
	return im->kernel[0] > v[0] ||
	       (im->kernel[0] == v[0] && im->kernel[1] >= v[1]);
}

static void
join(json_object *arr, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < json_object_array_length(arr) && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? ", " : "",
					cage_json_str_at(arr, i));
}

/* includes/excludes at P[0..N): why the entry does not apply here. */
static void
flatten(struct cage_import *im, json_object *obj, bool include,
	struct cage_jstep *p, size_t n, struct cage_import_entry *e)
{
	static const char *const amd64[] = {"amd64", "x86_64",
					    "SCMP_ARCH_X86_64", NULL};
	static const char *const known[] = {"caps", "arches", "minKernel",
					    NULL};
	json_object *caps =
		cage_import_member(im, obj, "caps", json_type_array, p, n);
	json_object *arches =
		cage_import_member(im, obj, "arches", json_type_array, p, n);
	json_object *mk = cage_import_member(im, obj, "minKernel",
					     json_type_string, p, n);
	const char *ver = mk ? json_object_get_string(mk) : NULL;
	char list[128];

	cage_import_unknown_keys(im, obj, known, p, n);
	p[n].key = "caps";
	e->bad |= !cage_import_strings(im, caps, p, n + 1);
	p[n].key = "arches";
	e->bad |= !cage_import_strings(im, arches, p, n + 1);
	if (e->bad)
		return;
	if (include && caps && json_object_array_length(caps)) {
		join(caps, list, sizeof(list));
		snprintf(e->why, sizeof(e->why),
			 "needs %s, and syscage drops every capability", list);
	} else if (arches && json_object_array_length(arches) &&
		   include != cage_import_has_string(arches, amd64)) {
		join(arches, list, sizeof(list));
		snprintf(e->why, sizeof(e->why), "%s %s",
			 include ? "only for" : "not for", list);
	} else if (ver && include != kernel_at_least(im, ver)) {
		snprintf(e->why, sizeof(e->why),
			 "%s Linux %s, and this is %u.%u",
			 include ? "needs" : "not for", ver, im->kernel[0],
			 im->kernel[1]);
	}
}

/* OBJ's "op" at P[0..N) as ours; false (with an error) if it is none. */
static bool
parse_op(struct cage_import *im, json_object *obj, struct cage_jstep *p,
	 size_t n, enum cage_op *op)
{
	static const char *const ops[] = {
		[CAGE_OP_EQ] = "SCMP_CMP_EQ",
		[CAGE_OP_NE] = "SCMP_CMP_NE",
		[CAGE_OP_LT] = "SCMP_CMP_LT",
		[CAGE_OP_LE] = "SCMP_CMP_LE",
		[CAGE_OP_GT] = "SCMP_CMP_GT",
		[CAGE_OP_GE] = "SCMP_CMP_GE",
		[CAGE_OP_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
	};
	json_object *v =
		cage_import_member(im, obj, "op", json_type_string, p, n);
	const char *name = v ? json_object_get_string(v) : NULL;

	for (unsigned k = 0; name && k < sizeof(ops) / sizeof(ops[0]); k++)
		if (ops[k] && !strcmp(ops[k], name)) {
			*op = (enum cage_op)k;
			return true;
		}
	p[n].key = "op";
	if (name)
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, n + 1, false,
				   "unknown operator '%s': expected "
				   "SCMP_CMP_EQ, _NE, _LT, _LE, _GT, _GE or "
				   "_MASKED_EQ",
				   name);
	else if (!json_object_object_get_ex(obj, "op", NULL))
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, n, false,
				   "no 'op'");
	return false;
}

/* One element of args[], at P[0..N), as libseccomp would compare. */
static bool
parse_cmp(struct cage_import *im, json_object *a, struct cage_jstep *p,
	  size_t n, struct cage_cmp *c)
{
	static const char *const known[] = {"index", "value", "valueTwo", "op",
					    NULL};
	uint64_t idx = 0, v1 = 0, v2 = 0;
	bool ok;

	if (!json_object_is_type(a, json_type_object)) {
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, n, false,
				   "expected an object");
		return false;
	}
	cage_import_unknown_keys(im, a, known, p, n);
	ok = number(im, a, "index", 5, &idx, p, n);
	if (!json_object_object_get_ex(a, "index", NULL))
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, n, false,
				   "no 'index'");
	if (json_object_object_get_ex(a, "value", NULL))
		ok &= number(im, a, "value", UINT64_MAX, &v1, p, n);
	if (json_object_object_get_ex(a, "valueTwo", NULL))
		ok &= number(im, a, "valueTwo", UINT64_MAX, &v2, p, n);
	ok &= parse_op(im, a, p, n, &c->op);
	c->arg = (unsigned)idx;
	c->mask = c->op == CAGE_OP_MASKED_EQ ? v1 : 0;
	c->value = c->op == CAGE_OP_MASKED_EQ ? v2 : v1;
	return ok;
}

/* args[] at P[0..N): one comparison per argument, as libseccomp takes them. */
static bool
parse_args(struct cage_import *im, json_object *args, struct cage_jstep *p,
	   size_t n, struct cage_box *box)
{
	bool ok = true;

	for (size_t i = 0; i < json_object_array_length(args); i++) {
		struct cage_cmp c = {0};

		p[n] = (struct cage_jstep){NULL, i};
		if (!parse_cmp(im, json_object_array_get_idx(args, i), p, n + 1,
			       &c)) {
			ok = false;
			continue;
		}
		if (box->used & (1u << c.arg)) {
			p[n + 1].key = "index";
			cage_import_report(
				im, CAGE_SEVERITY_ERROR, p, n + 2, false,
				"a second comparison of arg%u in one entry: "
				"runc and crun then OR them, libseccomp ANDs "
				"them; write two entries",
				c.arg);
			ok = false;
			continue;
		}
		box->used |= 1u << c.arg;
		box->args[c.arg] = c;
	}
	return ok;
}

/*
 * A name is written into the policy text (a rule, or a comment saying why
 * it is skipped): only what a system call can be called, so that no name
 * ends a line or brings a statement of its own.
 */
static bool
plain_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

/* names[] at P[0..N) (or the single "name"): system call names. */
static bool
check_names(struct cage_import *im, const struct cage_import_entry *e,
	    struct cage_jstep *p, size_t n)
{
	static const char why[] =
		"not a system call name: expected lower-case letters, digits "
		"and '_'";
	bool ok = true;

	if (!e->names) {
		if (!e->name || !e->name[0] || plain_name(e->name))
			return true;
		p[n - 1].key = "name";
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, n, false, "%s",
				   why);
		return false;
	}
	for (size_t k = 0; k < json_object_array_length(e->names); k++) {
		const char *name = cage_json_str_at(e->names, k);

		if (!name || plain_name(name))
			continue;
		p[n - 1].key = "names";
		p[n] = (struct cage_jstep){NULL, k};
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, n + 1, false,
				   "%s", why);
		ok = false;
	}
	return ok;
}

void
cage_import_parse_entry(struct cage_import *im, json_object *obj, size_t i,
			struct cage_import_entry *e)
{
	static const char *const known[] = {"names",	"name",	    "action",
					    "errnoRet", "args",	    "comment",
					    "includes", "excludes", NULL};
	struct cage_jstep p[8] = {{"syscalls", 0}, {NULL, i}};
	json_object *v;

	memset(e, 0, sizeof(*e));
	if (!json_object_is_type(obj, json_type_object)) {
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, 2, false,
				   "expected an object");
		e->bad = true;
		return;
	}
	cage_import_unknown_keys(im, obj, known, p, 2);
	e->names = cage_import_member(im, obj, "names", json_type_array, p, 2);
	p[2].key = "names";
	e->bad |= !cage_import_strings(im, e->names, p, 3);
	v = cage_import_member(im, obj, "name", json_type_string, p, 2);
	e->name = v ? json_object_get_string(v) : NULL;
	/* Docker reads "name" as a one-name "names", and refuses both:
	 * keeping one would drop the other's rule without a word. */
	if (e->name && e->name[0] && e->names &&
	    json_object_array_length(e->names)) {
		p[2].key = "name";
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, 3, true,
				   "both 'name' and 'names': use either "
				   "'name' or 'names' (Docker refuses the "
				   "profile)");
		e->bad = true;
	} else if (e->name && e->name[0]) {
		e->names = NULL; /* an empty "names" beside it, as Docker */
	}
	if (!e->names && !e->name) {
		if (!json_object_object_get_ex(obj, "names", NULL))
			cage_import_report(im, CAGE_SEVERITY_ERROR, p, 2, false,
					   "no 'names'");
		e->bad = true;
	}
	if (!e->bad && !check_names(im, e, p, 3))
		e->bad = true;
	v = cage_import_member(im, obj, "comment", json_type_string, p, 2);
	e->comment = v ? json_object_get_string(v) : NULL;
	e->bad |= !cage_import_parse_action(im, obj, "action", "errnoRet", p, 2,
					    &e->action, &e->note);
	v = cage_import_member(im, obj, "args", json_type_array, p, 2);
	p[2].key = "args";
	if (v && !parse_args(im, v, p, 3, &e->box))
		e->bad = true;
	if ((v = cage_import_member(im, obj, "includes", json_type_object, p,
				    2))) {
		p[2].key = "includes";
		flatten(im, v, true, p, 3, e);
	}
	if (!e->why[0] && (v = cage_import_member(im, obj, "excludes",
						  json_type_object, p, 2))) {
		p[2].key = "excludes";
		flatten(im, v, false, p, 3, e);
	}
}
