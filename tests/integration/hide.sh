#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# 'fs none' (hidden by the private view, even below a bound path) and
# 'private gitconfig', on the real kernel, as root and as the test user,
# each with a control that sees what is hidden.  A directory D is bound
# read-only; below it a directory, a file and a missing path are hidden:
# the directory reads as empty and unreadable, the file cannot be opened,
# the missing path stays missing, the rest of D reads.  A symbolic link
# named by 'fs none' that leads to a file of the view stops the launch
# (125), naming the step; one that leads nowhere does not.  A git
# configuration that is a FIFO stops it too, and is not waited on.
. "${SRCDIR:?}/tests/integration/lib.sh"

ensure_user
plan 50
D=$WORK/data
mkdir -p "$D/secretdir" "$WORK/proj"
echo SECRET >"$D/secretdir/key"
echo SECRET >"$D/secretfile"
echo visible >"$D/plain"
ln -s secretfile "$D/link"
ln -s /nonexistent-syscage-hide "$D/dangling"
chmod -R a+rX "$D"
chmod 1777 "$WORK/proj"

P=$(policy hide <<POL
include default
include fs-system
private tmp
fs rw \$CWD
fs ro $D
fs none $D/secretdir $D/secretfile $D/missing $D/dangling
POL
)
L=$(policy hidelink <<POL
include default
include fs-system
private tmp
fs rw \$CWD
fs ro $D
fs none $D/link
POL
)
# shellcheck disable=SC2016
LOOK='cat "$1/plain"; cat "$1/secretfile" 2>&1 | sed "s/^/file: /";
ls -A "$1/secretdir" 2>&1 | sed "s/^/dir: /"; stat -c "%F" "$1/secretfile";
[ -e "$1/missing" ] || echo "missing: absent";
[ -e "$1/dangling" ] || echo "dangling: absent"; cat "$1/secretdir/key" 2>&1 | sed "s/^/key: /"'

for mode in root user; do
	cd "$WORK/proj" || exit
	run $mode sh -c "$LOOK" sh "$D"
	if [ "$STATUS" -eq 0 ] && [ "$(printf '%s\n' "$OUT" | grep -c SECRET)" -eq 2 ] &&
		printf '%s\n' "$OUT" | grep -qx 'dir: key'; then
		ok "control/$mode: the file and the directory are seen unconfined"
	else
		not_ok "control/$mode: status $STATUS"
		printf '%s\n' "$OUT"
	fi
	run $mode "$SC" -p "$P" -- sh -c "$LOOK" sh "$D"
	check_status 0 "$mode: fs none: the launch runs"
	check_out '^visible$' "$mode: fs none: the rest of the bound directory reads"
	check_out '^file: .*Permission denied' "$mode: fs none: the hidden file cannot be opened"
	check_out '^dir: .*Permission denied' "$mode: fs none: the hidden directory cannot be listed"
	check_out '^key: .*(Permission denied|No such file)' "$mode: fs none: nor can what was in it be read"
	check_out '^character special file$' "$mode: fs none: the file shows as a node"
	check_out '^missing: absent$' "$mode: fs none: a missing path stays missing"
	check_out '^dangling: absent$' "$mode: fs none: a link leading nowhere is no reason to stop"
	if printf '%s\n' "$OUT" | grep -q SECRET; then
		not_ok "$mode: fs none: a secret was read"
	else
		ok "$mode: fs none: no secret read"
	fi
	run $mode "$SC" -p "$L" -- cat "$D/link"
	if [ "$STATUS" -eq 125 ] && [ -z "$OUT" ] &&
		printf '%s\n' "$ERR" | grep -q "hide at $D/link"; then
		ok "$mode: fs none of a symbolic link: refused (125), the step named"
	else
		not_ok "$mode: fs none of a symbolic link: status $STATUS"
		printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
	fi
done
cd "$WORK/proj" || exit
# private gitconfig: a FIFO as ~/.gitconfig is refused before fork, not
# read (which would wait forever).
G=$WORK/fifohome
mkdir -p "$G" && mkfifo "$G/.gitconfig" && chmod -R a+rwX "$G"
for mode in root user; do
	run $mode timeout 20 env HOME="$G" TMPDIR="$WORK/tmp" "$SC" -p ci -- true
	if [ "$STATUS" -eq 125 ] &&
		printf '%s\n' "$ERR" | grep -q "private view: Invalid argument"; then
		ok "$mode: a git configuration that is a FIFO: refused (125)"
	else
		not_ok "$mode: a FIFO as ~/.gitconfig: status $STATUS"
		printf '  stderr: %s\n' "$ERR"
	fi
done
rm -f "$G/.gitconfig"
for mode in root user; do
	printf '[user]\n\tname = A\n[credential]\n\thelper = store\n' >"$G/.gitconfig"
	chmod 644 "$G/.gitconfig"
	run $mode env HOME="$G" TMPDIR="$WORK/tmp" "$SC" -p ci -- sh -c 'cat "$HOME/.gitconfig"'
	check_out '^	name = A$' "$mode: private gitconfig: the identity is there"
	if printf '%s\n' "$OUT" | grep -q "helper = store"; then
		not_ok "$mode: private gitconfig: the credential helper came through"
	else
		ok "$mode: private gitconfig: the credential helper did not"
	fi
done
# Root with --user: a bind never hands the target what the host's
# permissions keep from it.  Root's home is 0700; its cache, bound by
# ci, is not the --user target's to read through the view.
R=$WORK/roothome
mkdir -p "$R/.cache" && chmod 700 "$R" && echo ROOTCACHE >"$R/.cache/f" &&
	chmod 644 "$R/.cache/f"
run user cat "$R/.cache/f"
if [ "$STATUS" -ne 0 ] && ! printf '%s\n' "$OUT" | grep -q ROOTCACHE; then
	ok "control/user: root's 0700 home keeps its cache from the user"
else
	not_ok "control/user: the user read root's cache unconfined"
fi
run root env HOME="$R" TMPDIR="$WORK/tmp" "$SC" -p ci -- cat "$R/.cache/f"
check_out '^ROOTCACHE$' "root: ci binds root's own cache"
run root env HOME="$R" TMPDIR="$WORK/tmp" "$SC" -p ci --user "$TEST_USER" \
	-- cat "$R/.cache/f"
if [ "$STATUS" -ne 0 ] && ! printf '%s\n' "$OUT" | grep -q ROOTCACHE; then
	ok "rootuser: ci does not bind what the --user target could not reach"
else
	not_ok "rootuser: the --user target read root's cache through the view"
fi
# ci's $GITDIR: a worktree's git commands work (its .git is a file naming
# the shared repository, which names it back); a forged .git file (one a
# job could write into the checkout) names nothing; what git runs later
# (hooks, config) is read-only.
G2=$WORK/git
mkdir -p "$G2" && git init -q "$G2/repo" &&
	git -C "$G2/repo" -c user.name=t -c user.email=t@example.org \
		commit -q --allow-empty -m init &&
	git -C "$G2/repo" worktree add -q "$G2/wt" 2>/dev/null &&
	mkdir -p "$G2/forged" && git init -q "$G2/other" &&
	printf 'gitdir: %s\n' "$G2/other/.git" >"$G2/forged/.git" &&
	chmod -R a+rwX "$G2"
for mode in root user; do
	cd "$G2/wt" || exit
	run $mode env TMPDIR="$WORK/tmp" "$SC" -p ci -- git -c 'safe.directory=*' status --short --branch
	check_out '^## wt' "$mode: ci in a git worktree: git works (its repository is bound)"
	cd "$G2/forged" || exit
	run $mode env TMPDIR="$WORK/tmp" "$SC" -v -p ci -- ls "$G2/other/.git"
	if [ "$STATUS" -ne 0 ] && printf '%s\n' "$ERR" | grep -q '^syscage: \$GITDIR is (none'; then
		ok "$mode: ci: a forged .git file binds nothing"
	else
		not_ok "$mode: ci: a forged .git file: status $STATUS"
		printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
	fi
	cd "$G2/repo" || exit
	run $mode env TMPDIR="$WORK/tmp" "$SC" -p ci -- sh -c \
		'git -c "safe.directory=*" config core.fsmonitor "touch /tmp/x"; echo hook >.git/hooks/post-checkout'
	if ! grep -q fsmonitor "$G2/repo/.git/config" &&
		[ ! -e "$G2/repo/.git/hooks/post-checkout" ]; then
		ok "$mode: ci: the repository's config and hooks stay as they were"
	else
		not_ok "$mode: ci: the job changed what git runs outside"
	fi
done
cd "$WORK/proj" || exit
# A user without a home (HOME=/ or unset): ci runs, with nothing of $HOME
# (not / handed over by 'fs rw $HOME').
for mode in root user; do
	run $mode env HOME=/ TMPDIR="$WORK/tmp" "$SC" -p ci -- sh -c 'touch /x 2>/dev/null && echo wrote-root; echo ran'
	if [ "$STATUS" -eq 0 ] && printf '%s\n' "$OUT" | grep -qx ran &&
		! printf '%s\n' "$OUT" | grep -q wrote-root; then
		ok "$mode: ci with HOME=/ runs, / not writable"
	else
		not_ok "$mode: ci with HOME=/: status $STATUS"
		printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
	fi
	run $mode env -u HOME TMPDIR="$WORK/tmp" "$SC" --private gitconfig -p ci -- true
	check_status 0 "$mode: ci (and --private gitconfig) with HOME unset runs"
done
# A path that is, on the host, a root-owned link in a directory only root
# may change, leading into another bound path with the same access, is
# that link in the view (merged /usr's /bin -> usr/bin): a mount fewer.
# One the user owns stops the launch as before (125, the bind named): the
# view does not take the word of a link the user could have planted.
mkdir -p "$WORK/lk/d" "$WORK/uk/d"
chmod 755 "$WORK/lk" "$WORK/uk"
echo lk >"$WORK/lk/d/f"
echo uk >"$WORK/uk/d/f"
ln -s d "$WORK/lk/l"
ln -s d "$WORK/uk/l"
chown -R "$TEST_USER:" "$WORK/uk"
chmod -R a+rX "$WORK/lk" "$WORK/uk"
K=$(policy links <<POL
include default
include fs-system
private tmp
fs rw \$CWD
fs ro $WORK/lk/d $WORK/lk/l
POL
)
KU=$(policy ulinks <<POL
include default
include fs-system
private tmp
fs rw \$CWD
fs ro $WORK/uk/d $WORK/uk/l
POL
)
# shellcheck disable=SC2016
LINKS='for k in lk uk; do if [ -L "$1/$k/l" ]; then echo "$k: link"; elif [ -d "$1/$k/l" ]; then echo "$k: directory"; fi; cat "$1/$k/l/f"; done'
for mode in root user; do
	cd "$WORK/proj" || exit
	run $mode sh -c "$LINKS" sh "$WORK"
	if [ "$(printf '%s\n' "$OUT" | tr '\n' ' ')" = "lk: link lk uk: link uk " ]; then
		ok "control/$mode: both paths are links on the host"
	else
		not_ok "control/$mode: $OUT"
	fi
	run $mode "$SC" -p "$K" -- sh -c '[ -L "$1/lk/l" ] && echo "lk: link"; cat "$1/lk/l/f"' sh "$WORK"
	if [ "$STATUS" -eq 0 ] && printf '%s\n' "$OUT" | grep -qx 'lk: link' &&
		printf '%s\n' "$OUT" | grep -qx 'lk'; then
		ok "$mode: a root-owned link into a bind is that link in the view"
	else
		not_ok "$mode: status $STATUS: $OUT"
		printf '  stderr: %s\n' "$ERR"
	fi
	run $mode "$SC" -p "$KU" -- cat "$WORK/uk/l/f"
	if [ "$STATUS" -eq 125 ] && [ -z "$OUT" ] &&
		printf '%s' "$ERR" | grep -q "bind $WORK/uk/l at .*symbolic links"; then
		ok "$mode: the user's own link is not followed: refused (125), the bind named"
	else
		not_ok "$mode: the user's link: status $STATUS: $OUT"
		printf '  stderr: %s\n' "$ERR"
	fi
done
# A caller whose uid is the overflow uid (nobody): inside its user
# namespace root's links show as its own uid.  A rule reached through
# root's link still binds (resolved outside, where root's link is
# root's); through a link of its own it is still refused.
NB=$(cat /proc/sys/kernel/overflowuid)
mkdir -p "$WORK/ovf/d" "$WORK/nbw" "$WORK/ovn/d"
echo root-link >"$WORK/ovf/d/f"
echo own-link >"$WORK/ovn/d/f"
ln -s d "$WORK/ovf/l"
ln -s d "$WORK/ovn/l"
chown -R "$NB:$NB" "$WORK/ovn"
chmod -R a+rX "$WORK/ovf" "$WORK/ovn"
chmod 1777 "$WORK/nbw"
O=$(policy overflow <<POL
include default
include fs-system
private tmp
fs rw \$CWD
fs ro $WORK/ovf/l/f
POL
)
ON=$(policy overflown <<POL
include default
include fs-system
private tmp
fs rw \$CWD
fs ro $WORK/ovn/l/f
POL
)
nobody() {
	(cd "$WORK/nbw" && setpriv --reuid="$NB" --regid="$NB" --clear-groups \
		--inh-caps=-all -- env HOME=/nonexistent "$@")
}
run root nobody cat "$WORK/ovf/l/f" "$WORK/ovn/l/f"
if [ "$STATUS" -eq 0 ] && [ "$OUT" = "$(printf 'root-link\nown-link')" ]; then
	ok "control/nobody: both files read through their links"
else
	not_ok "control/nobody: status $STATUS: $OUT"
fi
run root nobody "$SC" -p "$O" -- cat "$WORK/ovf/l/f"
if [ "$STATUS" -eq 0 ] && [ "$OUT" = root-link ]; then
	ok "nobody: a rule through root's link binds, the overflow uid notwithstanding"
else
	not_ok "nobody: root's link: status $STATUS: $OUT"
	printf '  stderr: %s\n' "$ERR"
fi
run root nobody "$SC" -p "$ON" -- cat "$WORK/ovn/l/f"
if [ "$STATUS" -eq 125 ] && [ -z "$OUT" ] &&
	printf '%s' "$ERR" | grep -q 'symbolic links'; then
	ok "nobody: a rule through its own link is refused (125)"
else
	not_ok "nobody: its own link: status $STATUS: $OUT"
	printf '  stderr: %s\n' "$ERR"
fi
finish
