#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Shell completion: the bash function offers options, policies, groups and
# formats; the zsh function parses and lists the same; both know every
# option syscage --help shows.
. "$SRCDIR/tests/interop/lib.sh"
need zsh zsh

BASH_COMP=$SRCDIR/completions/syscage.bash
ZSH_COMP=$SRCDIR/completions/_syscage

# complete WORD...: what the bash function offers for the last word.
complete_bash() {
	bash -c '. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_syscage; printf "%s\n" "${COMPREPLY[@]}" | sort -u' \
		sh "$BASH_COMP" "$SC" "$@"
}

# offers DESC WANT WORD...: WANT (a regex) is among the offers.
offers() {
	local desc=$1 want=$2
	shift 2
	OUT=$(complete_bash "$@")
	ERR=
	check_out "^$want\$" "bash: $desc"
}

offers "options" --export --exp
offers "export formats" oci --export ''
offers "bpf:N for --add-seccomp-fd" bpf:2 --export b
offers "the policy after --export FORMAT" stdio --export oci st
offers "spo: for --export spo:NAME" spo: --export sp
offers "the policy after --export spo:NAME" stdio --export spo:prod st
offers "the policy after --export spo : NAME (':' breaks words)" stdio \
	--export spo : prod st
offers "built-in policies after -p" default -p de
offers "groups after --list" @network-io --list @net
offers "network modes" unix --net u
offers "commands after the policy" bash -p stdio -- bas
run root bash -c ". '$BASH_COMP'; complete -p syscage"
check_out "complete -F _syscage syscage" "bash: registered for syscage"

zsh -n "$ZSH_COMP" && ok "zsh: the completion parses" ||
	not_ok "zsh: syntax errors in $ZSH_COMP"
# _arguments stubbed: the specs it would get; syscage --list for the rest.
specs=$(zsh -f -c '_arguments() { print -rl -- "$@" }
	_call_program() { shift; "$@" }
	words=("$1")
	source "$2"' zsh "$SC" "$ZSH_COMP")
lists=$(zsh -f -c '_call_program() { shift; "$@" }
	words=("$1")
	source "$2" 2>/dev/null
	_syscage_list policies; _syscage_list groups' zsh "$SC" "$ZSH_COMP")
OUT=$lists
check_out '^stdio$' "zsh: built-in policies from syscage --list"
check_out '^@system-service$' "zsh: groups from syscage --list"

# Every option --help shows is known to both.
"$SC" --help >"$WORK/help"
for opt in $(grep -oE -- '--[a-z][a-z-]+' "$WORK/help" | sort -u); do
	grep -q -- "$opt" "$BASH_COMP" && grep -q -- "$opt" <<<"$specs" &&
		ok "both complete $opt" || not_ok "$opt is not completed by both"
done
finish
