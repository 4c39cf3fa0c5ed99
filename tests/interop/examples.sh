#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Every example in examples/ that can run on this machine, run: the
# embedding program, the Makefile, the untrusted-CLI policy, the test
# steps of the GitHub and GitLab jobs, and the Kubernetes Pod's profile
# and command under crun.
. "$SRCDIR/tests/interop/lib.sh"
: "${EMBED:?EMBED must name the built examples/embed}"
: "${PROBE_STATIC:?PROBE_STATIC must name the static probe}"

need make make
need cc gcc
need crun crun
need_root crun
python3 -c 'import yaml' 2>/dev/null && ok "python3 can read YAML" ||
	{ not_ok "python3-yaml is missing (tools/install-deps.sh --tests)"; finish; exit 1; }

EX=$SRCDIR/examples
# The examples call plain "syscage"; the rest comes from the system, as on
# a fresh CI runner (not from per-user tool managers in this PATH).
mkdir -p "$WORK/bin"
ln -s "$SC" "$WORK/bin/syscage"
export PATH="$WORK/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# embed.c: parse and launch through the library.
run root "$EMBED" stdio cat /etc/hostname
check_status 0 "embed: cat under stdio"
check_out "^$(cat /etc/hostname)\$" "embed: cat's output"
run root "$EMBED" stdio touch "$WORK/embed-made"
check_status 1 "embed: touch fails under stdio"
[ ! -e "$WORK/embed-made" ] && ok "embed: no file was made" || not_ok "embed: touch made a file"
run root "$EMBED" no-such-policy true
check_status 125 "embed: a bad policy stops the launch"
check_err "unknown policy 'no-such-policy'" "embed: and says why"

# The Makefile, as root and as an unprivileged user.
for mode in root user; do
	mkdir -p "$WORK/make-$mode"
	chmod 777 "$WORK/make-$mode"
	cp "$EX/Makefile" "$EX/hello.c" "$WORK/make-$mode/"
	run "$mode" make -C "$WORK/make-$mode" -f Makefile check
	check_status 0 "Makefile ($mode): hello built and tested under syscage"
done

# The untrusted-CLI policy.
P=$EX/untrusted-cli.policy
run root "$SC" --check "$P"
check_status 0 "untrusted-cli.policy checks clean"
run root "$SC" -q -p "$P" -- sha256sum /etc/os-release
check_out "^[0-9a-f]{64}  /etc/os-release\$" "untrusted-cli: a checksum tool works"
run root "$SC" -q -p "$P" -- /usr/bin/python3 -c 'import socket; socket.socket()'
check_err "PermissionError: \[Errno 13\] Permission denied" \
	"untrusted-cli: no socket (EACCES)"
run root "$SC" -q -p "$P" -- "$PROBE_STATIC" syscall 257 -100 0 0x41
check_out "^257: errno EPERM\$" "untrusted-cli: no opening for writing"
run root "$SC" -q -p "$P" -- "$PROBE_STATIC" syscall 101 2 0
check_status 159 "untrusted-cli: ptrace ends the run"

# A project for the CI jobs: a unittest suite that serves on 127.0.0.1 and
# finds the outside unreachable (ci's network namespace has lo only).
proj() {
	rm -rf "$WORK/proj"
	mkdir -p "$WORK/proj/tests"
	cat >"$WORK/proj/Makefile" <<'M'
check:
	python3 -m unittest discover -s tests
M
	cat >"$WORK/proj/tests/test_it.py" <<'T'
import socket
import unittest


class TestIt(unittest.TestCase):
    def test_sum(self):
        self.assertEqual(sum([1, 2, 3]), 6)

    def test_localhost(self):
        srv = socket.create_server(("127.0.0.1", 0))
        cli = socket.create_connection(srv.getsockname(), timeout=2)
        conn, _ = srv.accept()
        cli.sendall(b"ping")
        self.assertEqual(conn.recv(4), b"ping")
        for s in (conn, cli, srv):
            s.close()

    def test_no_network(self):
        with self.assertRaises(OSError):
            socket.create_connection(("192.0.2.1", 9), timeout=2)
T
	chmod -R a+rwX "$WORK/proj"
}

# ci_job NAME FILE KIND: run the job's syscage step in the project, check
# that it passes and writes the report the job keeps.
ci_job() {
	local name=$1 file=$2 kind=$3 step report
	step=$(python3 - "$file" "$kind" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
if sys.argv[2] == 'github':
    job = next(iter(doc['jobs'].values()))
    run = [s['run'] for s in job['steps'] if 'syscage -p ci' in s.get('run', '')]
    keep = [s['with']['path'] for s in job['steps']
            if s.get('uses', '').startswith('actions/upload-artifact')]
else:
    job = doc['test']
    run = [l for l in job['script'] if 'syscage -p ci' in l]
    keep = job['artifacts']['paths']
print(run[0].strip())
print(keep[0])
PY
) || { not_ok "$name: cannot read $file"; return; }
	report=$(sed -n 2p <<<"$step")
	step=$(sed -n 1p <<<"$step")
	proj
	run root bash -c "cd '$WORK/proj' && $step"
	check_status 0 "$name: '$step' passes"
	if [ -s "$WORK/proj/$report" ] &&
		python3 -c 'import json, sys
for l in open(sys.argv[1]): json.loads(l)' "$WORK/proj/$report"; then
		ok "$name: $report, the file the job keeps, is JSON Lines"
	else
		not_ok "$name: no JSON Lines in $report"
	fi
	# ci has a network namespace of its own with lo only: the outside
	# is unreachable there, not refused by a rule; the report closes
	# with its summary.
	grep -q '"event":"summary","exit_status":0' "$WORK/proj/$report" &&
		ok "$name: the report closes with the job's status" ||
		not_ok "$name: the report has no summary with status 0"
}
ci_job "GitHub Actions" "$EX/ci/github-actions.yml" github
ci_job "GitLab CI" "$EX/ci/gitlab-ci.yml" gitlab

# The Pod: its profile exported as its comment says, its command run by
# crun under that profile, with this machine's root as the image.
pod=$(python3 - "$EX/kubernetes/pod.yaml" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
import yaml
doc = yaml.safe_load(text)
print(re.search(r'^#\s+(syscage --export oci .*)$', text, re.M).group(1))
print(doc['spec']['securityContext']['seccompProfile']['localhostProfile'])
print(json.dumps(doc['spec']['containers'][0]['command']))
PY
) || not_ok "cannot read the Pod spec"
export_cmd=$(sed -n 1p <<<"$pod")
local_profile=$(sed -n 2p <<<"$pod")
command=$(sed -n 3p <<<"$pod")
export_cmd=${export_cmd//\/var\/lib\/kubelet/$WORK/kubelet}
mkdir -p "$WORK/kubelet/seccomp/profiles"
(cd "$SRCDIR" && eval "$export_cmd") &&
	ok "Pod: '$export_cmd' writes the profile" || not_ok "Pod: '$export_cmd' failed"
[ -s "$WORK/kubelet/seccomp/$local_profile" ] &&
	ok "Pod: localhostProfile $local_profile names that profile" ||
	not_ok "Pod: localhostProfile $local_profile is not what the comment writes"
mkdir -p "$WORK/pod/rootfs"
(cd "$WORK/pod" && crun spec) && python3 - "$WORK/pod/config.json" \
	"$WORK/kubelet/seccomp/$local_profile" "$command" <<'PY'
import json, sys
path, profile, command = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
c = json.load(open(path))
c['process'].update(args=command, terminal=False, noNewPrivileges=True)
c['process']['capabilities'] = {k: [] for k in c['process']['capabilities']}
c['linux'].pop('resources', None)
c['linux']['namespaces'] = [n for n in c['linux']['namespaces']
                            if n['type'] != 'cgroup']
c['mounts'] = [m for m in c['mounts'] if m['destination'] != '/sys/fs/cgroup']
c['linux']['seccomp'] = json.load(open(profile))
json.dump(c, open(path, 'w'), indent=1)
PY
unshare -m sh -c 'mount --make-rprivate / && mount --rbind / "$1/rootfs" &&
	mount -t cgroup2 none /sys/fs/cgroup &&
	exec crun --root "$1/state" --cgroup-manager=disabled run \
		--bundle "$1" "syscage-pod-$$"' sh "$WORK/pod" \
	>"$WORK/out" 2>"$WORK/err" </dev/null
STATUS=$?
OUT=$(cat "$WORK/out")
ERR=$(cat "$WORK/err")
check_status 0 "Pod: its command runs under the profile in crun"
check_out "^$(sha256sum /etc/os-release | cut -c1-64)  /etc/os-release\$" \
	"Pod: and prints what it would on the node"
finish
