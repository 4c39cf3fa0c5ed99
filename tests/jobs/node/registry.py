#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# A minimal npm registry on 0.0.0.0 for jobs.sh: registry.py DIR PORTFILE.
# Serves each DIR/NAME-VERSION.tgz as package NAME: GET /NAME gives the
# packument (versions, dist-tags, tarball URL, integrity), GET
# /NAME/-/NAME-VERSION.tgz the tarball; anything else is 404.  Writes
# the port it listens on to PORTFILE.  Also the 'outside' server that a
# job under ci must not reach.
import base64
import hashlib
import http.server
import json
import os
import re
import sys

DIR, PORTFILE = sys.argv[1], sys.argv[2]


def packument(name, host):
    versions = {}
    for f in sorted(os.listdir(DIR)):
        m = re.fullmatch(re.escape(name) + r"-(\d+\.\d+\.\d+)\.tgz", f)
        if not m:
            continue
        data = open(os.path.join(DIR, f), "rb").read()
        sha512 = base64.b64encode(hashlib.sha512(data).digest()).decode()
        versions[m[1]] = {
            "name": name,
            "version": m[1],
            "dist": {
                "tarball": f"http://{host}/{name}/-/{f}",
                "shasum": hashlib.sha1(data).hexdigest(),
                "integrity": "sha512-" + sha512,
            },
        }
    if not versions:
        return None
    latest = sorted(versions, key=lambda v: [int(x) for x in v.split(".")])[-1]
    return {"name": name, "versions": versions, "dist-tags": {"latest": latest}}


class Handler(http.server.BaseHTTPRequestHandler):
    def reply(self, code, body, ctype):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        m = re.fullmatch(r"/([a-z0-9._-]+)/-/([a-z0-9._-]+\.tgz)", path)
        if m and os.path.isfile(os.path.join(DIR, m[2])):
            data = open(os.path.join(DIR, m[2]), "rb").read()
            return self.reply(200, data, "application/octet-stream")
        m = re.fullmatch(r"/([a-z0-9._-]+)/?", path)
        doc = m and packument(m[1], self.headers.get("Host", "127.0.0.1"))
        if doc:
            return self.reply(200, json.dumps(doc).encode(), "application/json")
        self.reply(404, b'{"error":"not found"}', "application/json")

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


srv = http.server.ThreadingHTTPServer(("0.0.0.0", 0), Handler)
with open(PORTFILE + ".new", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(PORTFILE + ".new", PORTFILE)
srv.serve_forever()
