# Shared helpers of the benchmark scripts; source it, do not run it.
# shellcheck shell=bash

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# shellcheck source=bin/jdk.sh
. "$(dirname "${BASH_SOURCE[0]}")/../bin/jdk.sh"

# The newest JDK >= 21 installed (a JAVA_HOME in the environment is not consulted: the benchmarks say
# which JDK they ran on, and always take the newest).
pick_jdk() {
	JAVA_HOME="" pick_java_home
}

# wait_for_quiet SECONDS: on a shared machine other work distorts every figure, so wait (at most SECONDS)
# for a 1-minute load average below half the CPUs (at least 1), saying so; the caller records the load.
# Sets QUIET_LOAD to that limit.
wait_for_quiet() {
	local deadline
	QUIET_LOAD=$(awk -v n="$(nproc)" 'BEGIN { print (n / 2 < 1) ? 1 : n / 2 }')
	quiet() { awk -v max="$QUIET_LOAD" '{ exit !($1 < max) }' /proc/loadavg; }
	if ((${1:-0} <= 0)) || quiet; then
		return 0
	fi
	log "waiting up to ${1}s for the 1-minute load average to fall below $QUIET_LOAD (now $(cut -d' ' -f1 /proc/loadavg))"
	deadline=$((SECONDS + $1))
	until quiet || ((SECONDS >= deadline)); do sleep 5; done
	quiet || log "still busy (load $(cut -d' ' -f1 /proc/loadavg)); measuring anyway, the document records the load"
}

# The fat jar under target/, if built.
find_jar() {
	local jar
	for jar in target/knowledgecloud-*.jar; do
		[[ -f $jar && $jar != *-plain.jar && $jar != *-sources.jar ]] && { printf '%s' "$jar"; return; }
	done
}

port_free() { ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

# splice_section DOC BEGIN_MARK END_MARK SECTION_FILE: replaces the marked section of DOC, or appends it.
splice_section() {
	local doc=$1 begin=$2 end=$3 section=$4
	if grep -qF "$begin" "$doc"; then
		awk -v begin="$begin" -v end="$end" -v section="$section" '
			$0 == begin { while ((getline line < section) > 0) print line; skip = 1; next }
			$0 == end { skip = 0; next }
			!skip { print }' "$doc" > "$doc.tmp"
		mv "$doc.tmp" "$doc"
	else
		{ echo; cat "$section"; } >> "$doc"
	fi
}
