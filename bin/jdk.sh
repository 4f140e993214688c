# Finding a JDK 21+ without starting JVMs; sourced by bin/knowledgecloud and bench/lib.sh. The caller
# defines die MESSAGE.
# shellcheck shell=bash

# The JDK's release file says its version without starting a JVM (each start costs a few hundred ms).
release_value() { # JAVA_HOME KEY → value, or nothing
	if [[ -f $1/release ]]; then
		sed -n "s/^$2=\"\(.*\)\"$/\1/p" "$1/release"
	fi
}

java_major() { # JAVA_HOME → major version, or nothing
	local version
	version=$(release_value "$1" JAVA_VERSION)
	if [[ -z $version && -x $1/bin/java ]]; then
		version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
	fi
	printf '%s' "${version%%.*}"
}

pick_java_home() {
	local home major best="" best_major=0
	if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
		major=$(java_major "$JAVA_HOME")
		((${major:-0} >= 21)) || die "JAVA_HOME ($JAVA_HOME) is Java ${major:-?}; KnowledgeCloud needs 21 or newer"
		printf '%s' "$JAVA_HOME"
		return
	fi
	local on_path
	on_path=$(command -v java || true)
	for home in /usr/lib/jvm/* ${on_path:+"$(dirname "$(dirname "$(readlink -f "$on_path")")")"}; do
		[[ -x $home/bin/java ]] || continue
		major=$(java_major "$home")
		if ((${major:-0} >= 21 && major > best_major)); then
			best=$home
			best_major=$major
		fi
	done
	[[ -n $best ]] || die "no Java 21 or newer found: install a JDK 21+ or set JAVA_HOME"
	printf '%s' "$best"
}
