#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --export oci under the real consumers: Podman with runc and with crun,
# with and without no-new-privileges, rootful and rootless, and Docker's
# dockerd (runc), each with the exported built-ins and a policy with
# argument conditions.  The image is imported from a root file system
# made here (Debian's busybox-static and the static probe): nothing is
# pulled, no network.  Every container must start, and every call of the
# probe must come out as it does under syscage itself.
#
# This machine's quirks, each worked around, not skipped:
# - Podman asks for RLIMIT_NOFILE and RLIMIT_NPROC above the hard limits
#   and a CI sandbox may lack CAP_SYS_RESOURCE: rootful runs ask for
#   1024 of each.
# - crun 1.8 refuses a hybrid cgroup layout (v1 controllers and a cgroup2
#   with one): crun runs in a mount namespace whose /sys/fs/cgroup is a
#   cgroup2 file system, without cgroups (--cgroups disabled), as in
#   crun.sh; runc, which Podman will not run without cgroups, rootful in
#   the host's layout, rootless in the same namespace as crun.
. "$SRCDIR/tests/interop/lib.sh"
: "${PROBE_STATIC:?PROBE_STATIC must name the static probe}"

need podman podman
need runc runc
need crun crun
need busybox busybox-static
need newuidmap uidmap
need unshare util-linux
need_root podman

PODMAN_USER=syscage-podman
TAG=localhost/syscage-probe:$$

probe_args=()
while read -r line; do
	case $line in '' | '#'*) continue ;; esac
	[ ${#probe_args[@]} -gt 0 ] && probe_args+=(';')
	# shellcheck disable=SC2206
	probe_args+=(syscall $line)
done <"$SRCDIR/tests/interop/calls.txt"

# The root file system: busybox (static) and the probe, as a tarball.
rootfs() {
	local r=$WORK/rootfs bb
	bb=$(command -v busybox)
	mkdir -p "$r/bin" "$r/proc" "$r/sys" "$r/dev" "$r/etc" "$r/tmp"
	cp "$bb" "$r/bin/busybox"
	for a in sh echo cat id true; do ln -sf busybox "$r/bin/$a"; done
	cp "$PROBE_STATIC" "$r/probe"
	tar -C "$r" -cf "$WORK/rootfs.tar" .
	chmod 644 "$WORK/rootfs.tar"
}

# The rootless user: subordinate ids, a home and a runtime directory of
# its own in the work directory.
rootless_user() {
	id "$PODMAN_USER" >/dev/null 2>&1 ||
		useradd --system --no-create-home --shell /usr/sbin/nologin \
			"$PODMAN_USER" || return 1
	grep -q "^$PODMAN_USER:" /etc/subuid ||
		usermod --add-subuids 400000-465535 "$PODMAN_USER" || return 1
	grep -q "^$PODMAN_USER:" /etc/subgid ||
		usermod --add-subgids 400000-465535 "$PODMAN_USER" || return 1
	mkdir -p "$WORK/home" "$WORK/run"
	chown "$PODMAN_USER:" "$WORK/home" "$WORK/run"
	chmod 700 "$WORK/run"
}

# What a rootless user needs from the kernel, checked, not assumed.
rootless_limit() {
	local n
	n=$(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo 0)
	[ "$n" -gt 0 ] || {
		echo "user namespaces are off (user.max_user_namespaces=$n)"
		return
	}
	if [ -e /proc/sys/kernel/unprivileged_userns_clone ] &&
		[ "$(cat /proc/sys/kernel/unprivileged_userns_clone)" = 0 ]; then
		echo "kernel.unprivileged_userns_clone=0"
	elif [ -e /proc/sys/kernel/apparmor_restrict_unprivileged_userns ] &&
		[ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns)" = 1 ]; then
		echo "kernel.apparmor_restrict_unprivileged_userns=1"
	fi
}

# In a mount namespace whose /sys/fs/cgroup is cgroup2 (see above).
in_cgroup2() {
	unshare -m sh -c 'mount --make-rshared / &&
		mount -t cgroup2 none /sys/fs/cgroup && exec "$@"' sh "$@"
}

# Rootless Podman keeps a pause process holding its namespaces, which
# later commands join: every command starts in the cgroup2 namespace, so
# the pause process is made in one.
as_podman() {
	in_cgroup2 setpriv --reuid="$PODMAN_USER" --regid="$PODMAN_USER" \
		--init-groups -- env HOME="$WORK/home" \
		XDG_RUNTIME_DIR="$WORK/run" PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		"$@"
}

# prun MODE RUNTIME NNP PROFILE ARGS...: podman run, with the options in
# the array EXTRA too; sets OUT, ERR, STATUS.
extra=()
prun() {
	local mode=$1 rt=$2 nnp=$3 profile=$4 opts
	shift 4
	opts=(run --rm --network none --runtime "$rt"
		--security-opt "seccomp=$profile")
	[ "$nnp" = nnp ] && opts+=(--security-opt no-new-privileges)
	[ "$rt" = crun ] && opts+=(--cgroups disabled)
	opts+=("${extra[@]}")
	if [ "$mode" = rootful ]; then
		opts+=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
		if [ "$rt" = crun ]; then
			in_cgroup2 podman "${opts[@]}" "$TAG" "$@"
		else
			podman "${opts[@]}" "$TAG" "$@"
		fi
	else
		as_podman podman "${opts[@]}" "$TAG" "$@"
	fi >"$WORK/out" 2>"$WORK/err" </dev/null
	STATUS=$?
	OUT=$(cat "$WORK/out")
	ERR=$(grep -v 'is not a shared mount' "$WORK/err")
}

# The policies: the built-ins and one with argument conditions.
names=(default stdio untrusted ci overlap)
declare -A files want
for p in default stdio untrusted ci; do files[$p]=$p; done
files[overlap]=$SRCDIR/tests/interop/overlap.policy

rootfs
for p in "${names[@]}"; do
	"$SC" --export oci "${files[$p]}" >"$WORK/$p.json" 2>"$WORK/$p.notes" ||
		{ not_ok "$p: --export oci failed"; continue; }
	chmod 644 "$WORK/$p.json"
	run root "$SC" -q -p "${files[$p]}" -- "$PROBE_STATIC" "${probe_args[@]}"
	check_status 0 "$p: the probe runs under syscage"
	want[$p]=$(printf '%s\n' "$OUT" | normalize)
done

# matrix MODE: each runtime, with and without no-new-privileges, each
# policy: the container starts and the probe agrees with syscage.
matrix() {
	local mode=$1 rt nnp p theirs
	for rt in runc crun; do
		for nnp in default nnp; do
			for p in "${names[@]}"; do
				prun "$mode" "$rt" "$nnp" "$WORK/$p.json" \
					/probe "${probe_args[@]}"
				check_status 0 "$mode $rt $nnp $p: the container starts"
				theirs=$(printf '%s\n' "$OUT" | normalize)
				same "$mode $rt $nnp $p: every call as under syscage" \
					"${want[$p]}" "$theirs"
			done
		done
	done
}

# The settings the README recommends, and a user that is not root, so
# that the runtime changes ids: runc's setgroups and setuid, crun's
# setresuid, with every capability dropped from the target.
as_user() {
	local rt nnp
	extra=(--cap-drop ALL --user 1000:1000 --group-add 27)
	for rt in runc crun; do
		for nnp in default nnp; do
			prun rootful "$rt" "$nnp" "$WORK/stdio.json" /bin/id
			check_out '^uid=1000 gid=1000 groups=27,1000$' \
				"rootful $rt $nnp stdio, --cap-drop ALL, user 1000 in group 27: starts"
		done
	done
	extra=()
}

if podman import "$WORK/rootfs.tar" "$TAG" >/dev/null 2>"$WORK/err"; then
	matrix rootful
	as_user
	podman rmi -f "$TAG" >/dev/null 2>&1
else
	not_ok "rootful podman import: $(cat "$WORK/err")"
fi

limit=$(rootless_limit)
if [ -n "$limit" ]; then
	# A documented kernel setting, checked above: said, and not a pass.
	not_applicable "rootless: $limit"
elif ! rootless_user; then
	not_ok "rootless: cannot set up $PODMAN_USER with subordinate ids"
elif as_podman podman import "$WORK/rootfs.tar" "$TAG" >/dev/null \
	2>"$WORK/err"; then
	matrix rootless
	as_podman podman rmi -f "$TAG" >/dev/null 2>&1
	pause=$(cat "$WORK/run/libpod/tmp/pause.pid" 2>/dev/null)
	[ -n "$pause" ] && kill "$pause" 2>/dev/null
else
	not_ok "rootless podman import: $(cat "$WORK/err")"
fi

# Docker: dockerd from docker.io, on sockets and directories of its own,
# without networking (no iptables, no bridge).
docker_matrix() {
	local d=$WORK/docker dk pid nnp p theirs opts _
	dk=(/usr/bin/docker -H "unix://$d/sock")
	mkdir -p "$d"
	dockerd --iptables=false --ip6tables=false --bridge=none \
		--data-root "$d/data" --exec-root "$d/exec" \
		--pidfile "$d/pid" -H "unix://$d/sock" >"$d/log" 2>&1 &
	pid=$!
	for _ in $(seq 60); do
		"${dk[@]}" info >/dev/null 2>&1 && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	if ! "${dk[@]}" info >/dev/null 2>&1; then
		not_ok "dockerd does not start here: $(tail -3 "$d/log")"
		kill "$pid" 2>/dev/null
		return
	fi
	"${dk[@]}" import "$WORK/rootfs.tar" "$TAG" >/dev/null ||
		not_ok "docker import"
	for nnp in default nnp; do
		for p in "${names[@]}"; do
			opts=(run --rm --network none
				--security-opt "seccomp=$WORK/$p.json")
			[ "$nnp" = nnp ] &&
				opts+=(--security-opt no-new-privileges)
			"${dk[@]}" "${opts[@]}" "$TAG" /probe "${probe_args[@]}" \
				>"$WORK/out" 2>"$WORK/err" </dev/null
			STATUS=$?
			OUT=$(cat "$WORK/out")
			ERR=$(cat "$WORK/err")
			check_status 0 "docker $nnp $p: the container starts"
			theirs=$(printf '%s\n' "$OUT" | normalize)
			same "docker $nnp $p: every call as under syscage" \
				"${want[$p]}" "$theirs"
		done
	done
	# A profile drops no capabilities: Docker's set keeps CAP_NET_RAW, so
	# a raw socket opens under the exported default, which syscage, with
	# every capability dropped, refuses; --cap-drop ALL makes them agree.
	opts=(run --rm --network none --security-opt "seccomp=$WORK/default.json")
	OUT=$("${dk[@]}" "${opts[@]}" "$TAG" /probe syscall 41 2 3 1 2>&1)
	check_out '^41: ok' "docker default: socket(AF_INET, SOCK_RAW) opens with Docker's capabilities"
	OUT=$("${dk[@]}" "${opts[@]}" --cap-drop ALL "$TAG" \
		/probe syscall 41 2 3 1 2>&1)
	check_out '^41: errno EPERM$' "docker default --cap-drop ALL: EPERM, as under syscage"
	run root "$SC" -q -p default -- "$PROBE_STATIC" syscall 41 2 3 1
	check_out '^41: errno EPERM$' "syscage default: socket(AF_INET, SOCK_RAW) is EPERM"
	"${dk[@]}" rmi -f "$TAG" >/dev/null 2>&1
	kill "$pid"
	wait "$pid" 2>/dev/null
	umount "$d/data" 2>/dev/null
}
if command -v dockerd >/dev/null && [ -x /usr/bin/docker ]; then
	docker_matrix
else
	not_ok "dockerd is missing: install Debian's docker.io (tools/install-deps.sh --tests)"
fi
finish
