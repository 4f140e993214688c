#!/usr/bin/env bash
# Start-up benchmark: time to ready and idle RSS on embedded defaults for four ways to launch the
# same build: the fat jar, the extracted jar (java -Djarmode=tools ... extract), the extracted jar
# with a class-data-sharing archive from a training run, and bin/knowledgecloud (README's start
# command: the extracted jar with the JVM's AOT cache on JDK 25+, ADR 46). KC_BENCH_STARTS starts
# per launch (default 3), median reported. Writes the section between <!-- startup:begin --> and
# <!-- startup:end --> of docs/benchmarks.md. Loopback only; every server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

JAVA_HOME=$(pick_jdk)
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
JAR=$(find_jar || true)
if [[ -z $JAR ]]; then
	./mvnw -B -q -DskipTests package || die "build failed"
	JAR=$(find_jar)
fi
WORK=$(mktemp -d -t kc-startup-XXXXXX)
STARTS=${KC_BENCH_STARTS:-3}
# start times follow the machine's load (KC_BENCH_QUIET_WAIT seconds at most, default 300)
wait_for_quiet "${KC_BENCH_QUIET_WAIT:-300}"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
PORT=${KC_BENCH_PORT:-18190}
PID=""
stop() {
	if [[ -n $PID ]] && kill -0 "$PID" 2> /dev/null; then
		kill -TERM "$PID" 2> /dev/null || true
		for _ in $(seq 1 100); do kill -0 "$PID" 2> /dev/null || break; sleep 0.1; done
		kill -KILL "$PID" 2> /dev/null || true
		wait "$PID" 2> /dev/null || true
	fi
	PID=""
}
trap 'stop; rm -rf "$WORK"' EXIT

# once LABEL COMMAND...: prints "seconds rss_mb" for one start of COMMAND on a fresh data directory
once() {
	local data="$WORK/data-$1"
	shift
	rm -rf "$data"
	local start=$(date +%s%N)
	KC_LOG_FORMAT="" "$@" --server.address=127.0.0.1 --server.port="$PORT" --kc.data-dir="$data" \
		> "$WORK/server.log" 2>&1 &
	PID=$!
	local ready=""
	for _ in $(seq 1 1200); do
		if curl -fsS --max-time 1 "http://127.0.0.1:$PORT/actuator/health/readiness" 2> /dev/null | grep -q '"UP"'; then
			ready=$(date +%s%N)
			break
		fi
		sleep 0.05
	done
	[[ -n $ready ]] || { echo "server did not become ready" >&2; cat "$WORK/server.log" >&2; exit 1; }
	sleep 5
	local rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status")
	stop
	awk -v a="$start" -v b="$ready" -v r="$rss" 'BEGIN { printf "%.2f %s\n", (b - a) / 1e9, r }'
}

# measure LABEL COMMAND...: STARTS starts; prints "median_s min_s max_s median_rss_mb"
measure() {
	local label=$1 i
	shift
	for i in $(seq 1 "$STARTS"); do
		echo "[startup] $label, start $i of $STARTS" >&2
		once "$label" "$@" >> "$WORK/$label.runs"
		sleep 5 # let the stopped server's exit settle before the next start
	done
	local m=$(((STARTS + 1) / 2))
	local times rss
	times=$(cut -d' ' -f1 "$WORK/$label.runs" | sort -n)
	rss=$(cut -d' ' -f2 "$WORK/$label.runs" | sort -n | sed -n "${m}p")
	echo "$(sed -n "${m}p" <<< "$times") $(head -1 <<< "$times") $(tail -1 <<< "$times") $rss"
}

read -r FAT_S FAT_MIN FAT_MAX FAT_RSS < <(measure fat "$JAVA" -jar "$JAR")
echo "[startup] extracting" >&2
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" > /dev/null
APP="$WORK/app/$(basename "$JAR")"
read -r EXT_S EXT_MIN EXT_MAX EXT_RSS < <(measure extracted "$JAVA" -jar "$APP")
echo "[startup] CDS training run" >&2
KC_LOG_FORMAT="" "$JAVA" -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dspring.context.exit=onRefresh -jar "$APP" \
	--kc.data-dir="$WORK/data-training" --server.port=0 > "$WORK/training.log" 2>&1 || true
[[ -s $WORK/app.jsa ]] || { echo "no CDS archive written" >&2; tail -20 "$WORK/training.log" >&2; exit 1; }
read -r CDS_S CDS_MIN CDS_MAX CDS_RSS < <(measure cds "$JAVA" -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$APP")
echo "[startup] bin/knowledgecloud --prepare (extract and train; timed once, not a start)" >&2
PREP_START=$(date +%s%N)
KC_JAR="$JAR" KC_LAUNCH_DIR="$WORK/launch" JAVA_HOME="$JAVA_HOME" bin/knowledgecloud --prepare 2> "$WORK/prepare.log" \
	|| { cat "$WORK/prepare.log" >&2; exit 1; }
PREP_S=$(awk -v a="$PREP_START" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
CACHE_KIND=$([[ -s $WORK/launch/app.aot ]] && echo "AOT cache" || echo "CDS archive")
read -r LAU_S LAU_MIN LAU_MAX LAU_RSS < <(measure launcher env KC_JAR="$JAR" KC_LAUNCH_DIR="$WORK/launch" \
	JAVA_HOME="$JAVA_HOME" bin/knowledgecloud)

verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "pass" : "**fail**" }'; }
row() { # LABEL MEDIAN MIN MAX RSS
	printf '| %s | %s s (%s) | %s–%s s | %s MB (%s) |\n' "$1" "$2" "$(verdict "$2" 10)" "$3" "$4" "$5" "$(verdict "$5" 600)"
}
# quoted heredoc: the text's backticks are Markdown, not commands
TEXT=$(cat << 'MD'
Reading the nested jars of the fat jar costs start-up time; class data sharing and the AOT cache
save class loading (the AOT cache also keeps classes linked) but map the archive into the process,
which RSS counts (those pages are shared between processes started from the same archive). The
embedding model, Tika's parsers and the type detector load after readiness on one background thread,
then one full collection returns start-up's garbage to the operating system
(`kc.startup.compact-heap`, ADR 39), which the idle RSS includes. `bin/knowledgecloud` is the start
command README documents (ADR 46); its time includes the launcher script itself.
MD
)
SECTION=$(cat << MD
<!-- startup:begin -->
## Start-up by launch mode (issue 2)

_Generated by \`bench/run-startup.sh\` on $(date -u +%F); ${STARTS} starts per launch, each on a fresh data directory,
embedded defaults; $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $("$JAVA" -version 2>&1 | head -1);
load average before: ${LOAD_BEFORE}._

| Launch | Time to ready, median (target ≤ 10 s) | range | Idle RSS 5 s after ready, median (target ≤ 600 MB) |
|---|---|---|---|
$(row "\`java -jar\` on the fat jar" "$FAT_S" "$FAT_MIN" "$FAT_MAX" "$FAT_RSS")
$(row "extracted jar (\`java -Djarmode=tools -jar … extract\`)" "$EXT_S" "$EXT_MIN" "$EXT_MAX" "$EXT_RSS")
$(row "extracted jar + CDS archive (\`-XX:SharedArchiveFile\`)" "$CDS_S" "$CDS_MIN" "$CDS_MAX" "$CDS_RSS")
$(row "\`bin/knowledgecloud\` (extracted jar + ${CACHE_KIND})" "$LAU_S" "$LAU_MIN" "$LAU_MAX" "$LAU_RSS")

\`bin/knowledgecloud --prepare\` (extracting the jar and the training start that makes the ${CACHE_KIND}, once per
build and JDK) took ${PREP_S} s.

$TEXT
<!-- startup:end -->
MD
)
DOC=docs/benchmarks.md
touch "$DOC"
if grep -q '<!-- startup:begin -->' "$DOC"; then
	awk -v section="$SECTION" '
		/<!-- startup:begin -->/ { print section; skip = 1; next }
		/<!-- startup:end -->/ { skip = 0; next }
		!skip { print }' "$DOC" > "$DOC.tmp" && mv "$DOC.tmp" "$DOC"
else
	printf '\n%s\n' "$SECTION" >> "$DOC"
fi
echo "$SECTION"
