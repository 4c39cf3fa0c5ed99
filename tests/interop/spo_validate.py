#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Validate SeccompProfile manifests against the operator's CRD schema.

usage: spo_validate.py SCHEMA.yaml MANIFEST.yaml...

Reads the CRD's openAPIV3Schema as the Kubernetes API server applies it
to a SeccompProfile: every object's unknown fields refused (kubectl's
strict field validation; the schema itself has no additionalProperties),
integer formats int32/int64 in range, x-kubernetes-list-type: set lists
without duplicates, metadata.name a DNS-1123 subdomain, apiVersion and
kind those of the resource.  Prints one line per manifest; exits 1 if
any is invalid.  Uses Debian's python3-jsonschema and python3-yaml.
"""
import re
import sys

import jsonschema
import yaml

API_VERSION = "security-profiles-operator.x-k8s.io/v1beta1"
DNS1123_SUBDOMAIN = (r"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?"
                     r"(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
INT_RANGES = {"int32": (-2**31, 2**31 - 1), "int64": (-2**63, 2**63 - 1)}


def strict(schema):
    """The schema as the API server enforces it (see the module's text)."""
    if isinstance(schema, list):
        return [strict(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: strict(v) for k, v in schema.items()}
    if out.get("type") == "object" and "properties" in out:
        out.setdefault("additionalProperties", False)
    if out.get("x-kubernetes-list-type") == "set":
        out["uniqueItems"] = True
    return out


def checker():
    fc = jsonschema.FormatChecker()
    for name, (lo, hi) in INT_RANGES.items():
        def check(value, lo=lo, hi=hi):
            return not isinstance(value, int) or lo <= value <= hi
        fc.checks(name)(check)
    return fc


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        schema = dict(strict(yaml.safe_load(f)))
    # The server's own checks on the envelope, around the CRD's schema.
    schema["properties"]["apiVersion"]["const"] = API_VERSION
    schema["properties"]["kind"]["const"] = "SeccompProfile"
    schema["properties"]["metadata"] = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string",
                                "pattern": DNS1123_SUBDOMAIN}},
    }
    schema["required"] = sorted(set(schema.get("required", [])) |
                                {"apiVersion", "kind", "metadata"})
    validator = jsonschema.Draft7Validator(schema, format_checker=checker())
    bad = 0
    for path in argv[2:]:
        try:
            with open(path) as f:
                docs = [d for d in yaml.safe_load_all(f) if d is not None]
        except (OSError, yaml.YAMLError) as e:
            print("%s: not YAML: %s" % (path, e))
            bad += 1
            continue
        if len(docs) != 1:
            print("%s: %d documents, not one" % (path, len(docs)))
            bad += 1
            continue
        errors = sorted(validator.iter_errors(docs[0]), key=str)
        for e in errors[:20]:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print("%s: %s: %s" % (path, where, e.message))
        if len(errors) > 20:
            print("%s: and %d more errors" % (path, len(errors) - 20))
        if errors:
            bad += 1
        else:
            print("%s: valid SeccompProfile %s" % (path,
                                                  docs[0]["metadata"]["name"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
