# The git job, run with sh from its checkout: clone a repository over
# file://, commit with the identity of ~/.gitconfig and push; then look
# for MARK (the argument: part of every secret of the home) everywhere
# the job can read: its home and temporary directories recursively, the
# checkout, git's configuration with origins, the environment of every
# process it sees.  A new repository shows init.defaultBranch.
set -eu
mark=$1
git clone -q "file://$PWD/origin.git" clone
cd clone
echo "a change made by the job" >>README
git add README
git commit -q -m "a commit made by the job"
git log -1 --format='author: %an <%ae>'
git push -q origin HEAD:main
cd ..
git --git-dir=origin.git log -1 --format='origin: %s'
for d in "$HOME" "${TMPDIR:-/tmp}" /tmp /var/tmp /dev/shm "$PWD"; do
	grep -rlaF -e "$mark" "$d" 2>/dev/null | sed 's/^/secret in file: /' || :
done
git config --list --show-origin 2>&1 | grep -F -e "$mark" |
	sed 's/^/secret in git config: /' || :
grep -laF -e "$mark" /proc/[0-9]*/environ 2>/dev/null |
	sed 's/^/secret in environ: /' || :
git init -q fresh
echo "default branch: $(git -C fresh symbolic-ref --short HEAD)"
echo JOB-OK:git
