// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --import: a Docker/OCI seccomp profile into policy text, flattened for
 * this machine (x86-64, this kernel, no capabilities) and read the way
 * runc and crun read it, so that the policy decides what the runtime would.
 */
#include "interop/import.h"
#include "base/syscalls.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define MAX_FILE_SIZE (16 << 20)

/* The value of KEY in OBJ if it has type TYPE; an error if it has another. */
static json_object *
member(struct cage_import *im, json_object *obj, const char *key,
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
	json_object *v = member(im, obj, key, json_type_int, p, n);

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
static bool
strings(struct cage_import *im, json_object *arr, struct cage_jstep *p,
	size_t n)
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

static bool
has_string(json_object *arr, const char *const *want)
{
	for (size_t i = 0; arr && i < json_object_array_length(arr); i++)
		for (const char *const *w = want; *w; w++)
			if (cage_json_str_at(arr, i) &&
			    !strcmp(cage_json_str_at(arr, i), *w))
				return true;
	return false;
}

/* Keys of OBJ not in KNOWN: warnings, as runtimes ignore them. */
static void
unknown_keys(struct cage_import *im, json_object *obj, const char *const *known,
	     struct cage_jstep *p, size_t n)
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
static bool
parse_action(struct cage_import *im, json_object *obj, const char *akey,
	     const char *ekey, struct cage_jstep *p, size_t n,
	     struct cage_action *a, const char **note)
{
	json_object *v = member(im, obj, akey, json_type_string, p, n);
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
static bool
parse_version(const char *s, unsigned v[2])
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

	if (!parse_version(version, v))
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
	json_object *caps = member(im, obj, "caps", json_type_array, p, n);
	json_object *arches = member(im, obj, "arches", json_type_array, p, n);
	json_object *mk = member(im, obj, "minKernel", json_type_string, p, n);
	const char *ver = mk ? json_object_get_string(mk) : NULL;
	char list[128];

	unknown_keys(im, obj, known, p, n);
	p[n].key = "caps";
	e->bad |= !strings(im, caps, p, n + 1);
	p[n].key = "arches";
	e->bad |= !strings(im, arches, p, n + 1);
	if (e->bad)
		return;
	if (include && caps && json_object_array_length(caps)) {
		join(caps, list, sizeof(list));
		snprintf(e->why, sizeof(e->why),
			 "needs %s, and syscage drops every capability", list);
	} else if (arches && json_object_array_length(arches) &&
		   include != has_string(arches, amd64)) {
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
	json_object *v = member(im, obj, "op", json_type_string, p, n);
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
	unknown_keys(im, a, known, p, n);
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

static void
parse_entry(struct cage_import *im, json_object *obj, size_t i,
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
	unknown_keys(im, obj, known, p, 2);
	e->names = member(im, obj, "names", json_type_array, p, 2);
	p[2].key = "names";
	e->bad |= !strings(im, e->names, p, 3);
	v = member(im, obj, "name", json_type_string, p, 2);
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
	v = member(im, obj, "comment", json_type_string, p, 2);
	e->comment = v ? json_object_get_string(v) : NULL;
	e->bad |= !parse_action(im, obj, "action", "errnoRet", p, 2, &e->action,
				&e->note);
	v = member(im, obj, "args", json_type_array, p, 2);
	p[2].key = "args";
	if (v && !parse_args(im, v, p, 3, &e->box))
		e->bad = true;
	if ((v = member(im, obj, "includes", json_type_object, p, 2))) {
		p[2].key = "includes";
		flatten(im, v, true, p, 3, e);
	}
	if (!e->why[0] &&
	    (v = member(im, obj, "excludes", json_type_object, p, 2))) {
		p[2].key = "excludes";
		flatten(im, v, false, p, 3, e);
	}
}

/* Just past the last character of the last line. */
static size_t
at_end(const struct cage_import *im)
{
	size_t end = im->src.size;

	while (end > 0 && strchr("\r\n", im->src.text[end - 1]))
		end--;
	return end;
}

static json_object *
parse_json(struct cage_import *im)
{
	struct json_tokener *tok = json_tokener_new();
	enum json_tokener_error jerr;
	json_object *obj;
	size_t end;

	if (!tok)
		return NULL;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
					    JSON_TOKENER_ALLOW_TRAILING_CHARS |
					    JSON_TOKENER_VALIDATE_UTF8);
	obj = json_tokener_parse_ex(tok, im->src.text, (int)im->src.size);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	while (jerr == json_tokener_success && end < im->src.size &&
	       strchr(" \t\r\n", im->src.text[end]))
		end++;
	if (jerr == json_tokener_continue || (!obj && !jerr))
		cage_import_diag_at(im, CAGE_SEVERITY_ERROR, at_end(im), 1, "",
				    "the file ends inside a JSON value");
	else if (jerr != json_tokener_success)
		cage_import_diag_at(im, CAGE_SEVERITY_ERROR, end, 1, "",
				    json_tokener_error_desc(jerr));
	else if (end < im->src.size)
		cage_import_diag_at(im, CAGE_SEVERITY_ERROR, end, 1, "",
				    "text after the JSON value");
	else
		return obj;
	json_object_put(obj);
	return NULL;
}

/* The profile's own architectures should include x86-64. */
static void
check_arches(struct cage_import *im, json_object *top)
{
	static const char *const x86_64[] = {"SCMP_ARCH_X86_64", NULL};
	struct cage_jstep p[4] = {{"architectures", 0}};
	json_object *arches, *map;
	bool found = false;

	arches = member(im, top, "architectures", json_type_array, p, 0);
	map = member(im, top, "archMap", json_type_array, p, 0);
	if (arches && json_object_array_length(arches) && map &&
	    json_object_array_length(map)) {
		p[0].key = "archMap";
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, 1, true,
				   "both 'architectures' and 'archMap': use "
				   "either 'architectures' or 'archMap' "
				   "(Docker refuses the profile)");
		return;
	}
	if (arches && strings(im, arches, p, 1))
		found = has_string(arches, x86_64);
	for (size_t i = 0; map && i < json_object_array_length(map); i++) {
		json_object *a, *m = json_object_array_get_idx(map, i);

		if (json_object_object_get_ex(m, "architecture", &a) &&
		    json_object_is_type(a, json_type_string) &&
		    !strcmp(json_object_get_string(a), x86_64[0]))
			found = true;
	}
	if ((arches || map) && !found)
		cage_import_report(
			im, CAGE_SEVERITY_WARNING, p, 0, false,
			"the profile does not name SCMP_ARCH_X86_64: its rules "
			"are applied to x86-64 anyway");
}

static int
translate(struct cage_import *im, json_object *top)
{
	static const char *const known[] = {
		"defaultAction", "defaultErrnoRet",  "architectures",
		"archMap",	 "syscalls",	     "flags",
		"listenerPath",	 "listenerMetadata", NULL};
	static const char *const unused[] = {"flags", "listenerPath",
					     "listenerMetadata", NULL};
	struct cage_jstep p[2] = {{"syscalls", 0}};
	json_object *calls;
	struct cage_import_entry *v = NULL;
	const char *note = NULL;
	size_t n = 0;
	int err = 0;

	if (!json_object_is_type(top, json_type_object)) {
		cage_import_report(
			im, CAGE_SEVERITY_ERROR, p, 0, false,
			"expected a JSON object with 'defaultAction'");
		return -EINVAL;
	}
	unknown_keys(im, top, known, p, 0);
	for (const char *const *k = unused; *k; k++) {
		if (!json_object_object_get_ex(top, *k, NULL))
			continue;
		p[0].key = *k;
		cage_import_report(
			im, CAGE_SEVERITY_WARNING, p, 1, true,
			"not used: syscage has no seccomp listener to hand "
			"calls to, nor flags to set");
	}
	check_arches(im, top);
	if (!parse_action(im, top, "defaultAction", "defaultErrnoRet", p, 0,
			  &im->dflt, &note))
		err = -EINVAL;
	calls = member(im, top, "syscalls", json_type_array, p, 0);
	n = calls ? json_object_array_length(calls) : 0;
	v = calloc(n ? n : 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		parse_entry(im, json_object_array_get_idx(calls, i), i, &v[i]);
	if (im->diags->errors)
		err = -EINVAL;
	if (!err) {
		cage_import_decide(im, v, n);
		cage_import_print_header(im, note);
		err = cage_import_print_entries(im, v, n);
	}
	free(v);
	return err || im->diags->errors ? (err ? err : -EINVAL) : 0;
}

int
cage_import_oci(const char *name, const char *json, size_t len, FILE *out,
		struct cage_diags *diags)
{
	struct cage_import im = {.diags = diags};
	struct utsname u;
	json_object *top;
	char *text = NULL;
	size_t size = 0;
	int err;

	im.src.name = (char *)name;
	im.src.text = (char *)json;
	im.src.size = len;
	if (len > MAX_FILE_SIZE)
		return -EFBIG;
	/* Unknown (0.0): rules for a minimum kernel are left out. */
	if (uname(&u) || !parse_version(u.release, im.kernel))
		im.kernel[0] = im.kernel[1] = 0;
	top = parse_json(&im);
	if (!top)
		return diags->errors ? -EINVAL : -ENOMEM;
	im.out = open_memstream(&text, &size);
	if (!im.out) {
		json_object_put(top);
		return -ENOMEM;
	}
	err = translate(&im, top);
	json_object_put(top);
	if (fclose(im.out) && !err)
		err = -ENOMEM;
	if (!err)
		err = cage_import_verify(&im, text, size);
	if (!err && fwrite(text, 1, size, out) != size)
		err = -EIO;
	free(text);
	return err;
}

int
cage_import_oci_file(const char *path, FILE *out, struct cage_diags *diags)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	char *buf = NULL;
	size_t len = 0, cap = 0;
	ssize_t r = 1;
	int err = 0;

	if (fd < 0)
		return -errno;
	while (r > 0 && !err) {
		if (len == cap) {
			char *nb = cap < MAX_FILE_SIZE + 1
					   ? realloc(buf, cap ? cap * 2 : 65536)
					   : NULL;

			if (!nb) {
				err = cap > MAX_FILE_SIZE ? -EFBIG : -ENOMEM;
				break;
			}
			buf = nb;
			cap = cap ? cap * 2 : 65536;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno != EINTR)
			err = -errno;
		else if (r > 0)
			len += (size_t)r;
		else if (r < 0)
			r = 1;
	}
	close(fd);
	if (!err)
		err = cage_import_oci(path, buf ? buf : "", len, out, diags);
	free(buf);
	return err;
}
