# SPDX-License-Identifier: LGPL-2.1-or-later
# bash completion for syscage(1): options, built-in policies, groups and
# export formats (spo:NAME's name is the user's); after the command,
# the command's own completion.

# Built-in policy names, or groups with "groups", from syscage --list.
_syscage_list() {
	"$1" --list 2>/dev/null | awk -v want="$2" '
		/^policies:/ { s = "policies"; next }
		/^groups:/ { s = "groups"; next }
		s == want { print $1 }'
}

# Built-in policies, and policy files and directories.
_syscage_policy() {
	local IFS=$'\n'
	COMPREPLY=($(compgen -W "$(_syscage_list "$1" policies)" -- "$2"))
	COMPREPLY+=($(compgen -f -X '!*.policy' -- "$2"))
	COMPREPLY+=($(compgen -d -S / -- "$2"))
	compopt -o nospace -o filenames 2>/dev/null
	[ ${#COMPREPLY[@]} -ne 1 ] || [[ ${COMPREPLY[0]} == */ ]] ||
		compopt +o nospace 2>/dev/null
}

_syscage() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog=${COMP_WORDS[0]} i word
	local with_arg='-p|--policy|--cap-keep|--keep-fd|--learn|--report|--timeout|--user|--ro|--rw|--rx|--net|--private|--env-keep|--env|--rlimit|--export'
	local opts='-p --policy --audit --learn --report --report-paths -q --quiet -v --verbose
		--cap-keep --user --ro --rw --rx --net --private --env-clear --env-keep
		--env --timeout --rlimit --keep-fd --keep-orphans --check
		--explain --export --import --list -h --help -V --version'

	# The first word that is not an option, or follows --, is the command:
	# from there on, complete it as a command line of its own.
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		if [ "$word" = -- ]; then
			i=$((i + 1))
			break
		elif [[ $word == --export ]]; then
			# FORMAT (spo : NAME where ':' breaks words) and POLICY.
			[ "${COMP_WORDS[i + 2]-}" != : ] || i=$((i + 2))
			i=$((i + 2))
		elif [[ $word =~ ^($with_arg)$ ]]; then
			i=$((i + 1))
		elif [[ $word == --check || $word == --explain ||
			$word == --list || $word == --import ]]; then
			i=$COMP_CWORD
			break
		elif [[ $word != -* ]]; then
			break
		fi
	done
	if ((i < COMP_CWORD)); then
		if declare -F _command_offset >/dev/null; then
			_command_offset "$i"
		elif ((i == COMP_CWORD)); then
			COMPREPLY=($(compgen -c -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
		return
	fi
	# --export FORMAT POLICY: the word after the format is a policy
	# (spo:NAME may come as the three words spo : NAME).
	if { ((COMP_CWORD >= 3)) &&
		[ "${COMP_WORDS[COMP_CWORD - 2]}" = --export ]; } ||
		{ ((COMP_CWORD >= 5)) &&
			[ "${COMP_WORDS[COMP_CWORD - 4]}" = --export ] &&
			[ "${COMP_WORDS[COMP_CWORD - 2]}" = : ]; }; then
		_syscage_policy "$prog" "$cur"
		return
	fi
	case $prev in
	-p | --policy | --explain | --check)
		_syscage_policy "$prog" "$cur"
		return ;;
	--export)
		COMPREPLY=($(compgen -W 'oci spo: bpf bpf:1 bpf:2 bpf:3 pfc systemd' -- "$cur"))
		# spo:NAME: the name follows the colon.
		[ "${COMPREPLY[*]}" != spo: ] || compopt -o nospace 2>/dev/null
		return ;;
	--import)
		COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -S / -- "$cur"))
		compopt -o nospace -o filenames 2>/dev/null
		return ;;
	--list)
		COMPREPLY=($(compgen -W "$(_syscage_list "$prog" groups)" -- "$cur"))
		return ;;
	--learn | --report | --ro | --rw | --rx)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
		return ;;
	--net)
		COMPREPLY=($(compgen -W 'none unix inet loopback' -- "$cur"))
		return ;;
	--private)
		COMPREPLY=($(compgen -W 'tmp home pid ipc dev all gitconfig best-effort' -- "$cur"))
		return ;;
	--user)
		COMPREPLY=($(compgen -u -- "$cur"))
		return ;;
	--env-keep)
		COMPREPLY=($(compgen -e -- "$cur"))
		return ;;
	--rlimit)
		COMPREPLY=($(compgen -W 'nofile= nproc= as= cpu= fsize= core= stack=' -- "$cur"))
		compopt -o nospace 2>/dev/null
		return ;;
	--cap-keep | --keep-fd | --timeout | --env)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	else
		COMPREPLY=($(compgen -c -- "$cur"))
	fi
}
complete -F _syscage syscage
