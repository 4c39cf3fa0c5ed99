// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --import: a Docker/OCI seccomp profile into policy text, flattened for
 * this machine (x86-64, this kernel, no capabilities) and read the way
 * runc and crun read it, so that the policy decides what the runtime would.
 * The top level is here; each entry is read by import_entry.c and written
 * by import_text.c.
 */
#include "interop/import_entry.h"
#include "interop/import_json.h"
#include "interop/import_text.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define MAX_FILE_SIZE (16 << 20)

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

	arches = cage_import_member(im, top, "architectures", json_type_array,
				    p, 0);
	map = cage_import_member(im, top, "archMap", json_type_array, p, 0);
	if (arches && json_object_array_length(arches) && map &&
	    json_object_array_length(map)) {
		p[0].key = "archMap";
		cage_import_report(im, CAGE_SEVERITY_ERROR, p, 1, true,
				   "both 'architectures' and 'archMap': use "
				   "either 'architectures' or 'archMap' "
				   "(Docker refuses the profile)");
		return;
	}
	if (arches && cage_import_strings(im, arches, p, 1))
		found = cage_import_has_string(arches, x86_64);
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
	cage_import_unknown_keys(im, top, known, p, 0);
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
	if (!cage_import_parse_action(im, top, "defaultAction",
				      "defaultErrnoRet", p, 0, &im->dflt,
				      &note))
		err = -EINVAL;
	calls = cage_import_member(im, top, "syscalls", json_type_array, p, 0);
	n = calls ? json_object_array_length(calls) : 0;
	v = calloc(n ? n : 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		cage_import_parse_entry(im, json_object_array_get_idx(calls, i),
					i, &v[i]);
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
	if (uname(&u) || !cage_import_parse_version(u.release, im.kernel))
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
