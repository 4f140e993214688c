# Shared helpers of the benchmark scripts; source it, do not run it.
# shellcheck shell=bash

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The newest JDK >= 21 under /usr/lib/jvm.
pick_jdk() {
	local best="" best_major=0 dir version major
	for dir in /usr/lib/jvm/*/; do
		dir=${dir%/}
		[[ -x "$dir/bin/java" && -x "$dir/bin/javac" && -f "$dir/release" ]] || continue
		version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$dir/release")
		major=${version%%.*}
		[[ $major =~ ^[0-9]+$ ]] || continue
		if ((major >= 21 && major > best_major)); then
			best=$dir
			best_major=$major
		fi
	done
	[[ -n $best ]] || die "no JDK >= 21 found under /usr/lib/jvm"
	printf '%s' "$best"
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
