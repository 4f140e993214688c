#!/usr/bin/env bash
# Ingestion and retrieval benchmark (issues 3 and 4) on a BEIR folder: the fat jar as a user runs
# it, driven over HTTP, against the bare engine (the in-jar model and Lucene, no KnowledgeCloud
# code) in the same run. Quality on the test split (fusion tuned on train only), latency p50/p99
# and QPS at 1 and 2 clients, ingestion throughput, re-import times, peak RSS of the server.
# Writes the section between the retrieval markers of docs/benchmarks.md.
#
#   bench/run-retrieval.sh [BEIR folder, default ../shared/bench/scifact]
#
# Environment (all optional):
#   KC_BENCH_PORT         port on 127.0.0.1 (default: first free one from 18180)
#   KC_BENCH_JAVA_OPTS    extra JVM options for server and client (default none)
#   KC_BENCH_ENGINE       lucene (default) or opensearch: then a local OpenSearch node with the k-NN
#                         plugin is started first (the runner the tests use) and the server uses it
#   KC_BENCH_ENV          extra environment for the server, e.g. "KC_SEARCH_VECTOR_ENCODING=int8"
#   KC_BENCH_REUSE_VECTORS=1  reuse the bare corpus vectors of an earlier run (target/bench), saying so
#                         in the output, instead of embedding the corpus with the bare model again
#   KC_BENCH_NAME         section name (default: the folder name)
#   KC_BENCH_STREAM=0     skip the streaming part (a second server with an instant local OpenAI-protocol
#                         provider and the first 1000 documents; time to the first token event)
#   KC_BENCH_REBUILD=1    rebuild the jar even when one exists
#   KC_BENCH_MAVEN_ARGS   extra Maven arguments (e.g. -o)
#
# Takes ~40 minutes on 2 cores for SciFact: the corpus is embedded four times (bare model, our bare
# runner, ours, then the bare model again on the very chunk texts our ingestion embedded).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DATA=$(cd "${1:-$ROOT/../shared/bench/scifact}" && pwd)
ENGINE=${KC_BENCH_ENGINE:-lucene}
NAME=${KC_BENCH_NAME:-$(basename "$DATA")$([[ $ENGINE == lucene ]] || echo "-$ENGINE")}
OUT="$ROOT/target/bench"
DOC="$ROOT/docs/benchmarks.md"
BEGIN_MARK="<!-- retrieval-$NAME:begin -->"
END_MARK="<!-- retrieval-$NAME:end -->"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

JAVA_HOME=$(pick_jdk)
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"

mkdir -p "$OUT"
JAR=$(find_jar || true)
if [[ -z $JAR || ${KC_BENCH_REBUILD:-0} == 1 || ! -d target/test-classes/io/knowledgecloud/bench ]]; then
	log "building (./mvnw -B -q -DskipTests package ${KC_BENCH_MAVEN_ARGS:-})"
	# shellcheck disable=SC2086
	timeout 900 ./mvnw -B -q -DskipTests ${KC_BENCH_MAVEN_ARGS:-} package || die "build failed"
	JAR=$(find_jar || true)
fi
[[ -n $JAR ]] || die "no jar under target/"
# shellcheck disable=SC2086
timeout 300 ./mvnw -B -q ${KC_BENCH_MAVEN_ARGS:-} dependency:build-classpath -Dmdep.includeScope=test \
	-Dmdep.outputFile="$OUT/classpath.txt" > /dev/null || die "could not compute the test classpath"

PORT=${KC_BENCH_PORT:-}
if [[ -z $PORT ]]; then
	for PORT in $(seq 18180 18280); do port_free "$PORT" && break; done
fi
BASE="http://127.0.0.1:$PORT"
DATA_DIR=$(mktemp -d -t kc-retrieval-XXXXXX)
SERVER_LOG="$OUT/retrieval-server.log"
SERVER_PID=""
NODE_PID=""
cleanup() {
	if [[ -n $NODE_PID ]] && kill -0 "$NODE_PID" 2> /dev/null; then
		kill -TERM "$NODE_PID" 2> /dev/null || true
		for _ in $(seq 1 200); do kill -0 "$NODE_PID" 2> /dev/null || break; sleep 0.1; done
		kill -KILL "$NODE_PID" 2> /dev/null || true
	fi
	if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2> /dev/null; then
		kill -TERM "$SERVER_PID" 2> /dev/null || true
		for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2> /dev/null || break; sleep 0.1; done
		kill -KILL "$SERVER_PID" 2> /dev/null || true
	fi
	rm -rf "$DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ENGINE_ENV=""
if [[ $ENGINE == opensearch ]]; then
	rm -f "$OUT/opensearch.url"
	log "starting an OpenSearch node"
	"$JAVA" -Xms1g -Xmx1g -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt"):$(ls target/opensearch-knn/*.jar | tr '\n' ':')" \
		io.knowledgecloud.search.internal.OpenSearchBenchNode "$OUT/opensearch.url" > "$OUT/opensearch-node.log" 2>&1 &
	NODE_PID=$!
	for _ in $(seq 1 240); do [[ -s $OUT/opensearch.url ]] && break; kill -0 "$NODE_PID" 2> /dev/null || die "OpenSearch exited; see $OUT/opensearch-node.log"; sleep 0.5; done
	[[ -s $OUT/opensearch.url ]] || die "OpenSearch did not start"
	ENGINE_ENV="KC_SEARCH_ENGINE=opensearch KC_SEARCH_OPENSEARCH_URLS=$(cat "$OUT/opensearch.url")"
	log "OpenSearch at $(cat "$OUT/opensearch.url")"
fi

log "starting $JAR on $BASE (data dir $DATA_DIR, engine $ENGINE)"
# shellcheck disable=SC2086
env SERVER_PORT="$PORT" KC_DATA_DIR="$DATA_DIR" KC_RATE_LIMIT_ENABLED=false KC_SEARCH_CACHE_ENABLED=false \
	KC_ASSISTANT_SEMANTIC_CACHE_ENABLED=false \
	$ENGINE_ENV ${KC_BENCH_ENV:-} "$JAVA" ${KC_BENCH_JAVA_OPTS:-} -jar "$JAR" > "$SERVER_LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
	curl -fsS "$BASE/actuator/health/readiness" > /dev/null 2>&1 && break
	kill -0 "$SERVER_PID" 2> /dev/null || die "the server exited; see $SERVER_LOG"
	sleep 0.5
done
curl -fsS "$BASE/actuator/health/readiness" > /dev/null || die "the server did not become ready"

SECTION="$OUT/retrieval-$NAME.md"
# shellcheck disable=SC2086
"$JAVA" ${KC_BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED \
	-cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" \
	io.knowledgecloud.bench.RetrievalBenchmark --data "$DATA" --url "$BASE" --name "$NAME" --out "$SECTION.body" \
	--engine "$ENGINE" --server-pid "$SERVER_PID" $([[ $ENGINE == lucene ]] && echo --index-dir "$DATA_DIR/index") --vectors "$OUT/bare-vectors-$(basename "$DATA").bin" --reuse-vectors "${KC_BENCH_REUSE_VECTORS:-0}" \
	|| die "the benchmark client failed"

PEAK_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
kill -TERM "$SERVER_PID" 2> /dev/null || true
wait "$SERVER_PID" 2> /dev/null || true

if [[ ${KC_BENCH_STREAM:-1} == 1 && $ENGINE == lucene ]]; then
	log "streaming: time to the first token over an instant local provider"
	# shellcheck disable=SC2086
	"$JAVA" ${KC_BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED \
		-cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" \
		io.knowledgecloud.bench.AnswerStreamBenchmark --data "$DATA" --jar "$JAR" --out "$OUT/answer-stream.md" \
		|| die "the streaming benchmark failed"
	cat "$OUT/answer-stream.md" >> "$SECTION.body"
fi
CPUS=$(nproc)
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
JDK_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
{
	echo "$BEGIN_MARK"
	echo "## Ingestion and retrieval: $NAME (issues 3 and 4)"
	echo
	echo "Run with \`bench/run-retrieval.sh\` on $(date -u +%Y-%m-%d): ${CPUS} CPUs (${CPU_MODEL}), JDK ${JDK_VERSION},"
	if [[ $ENGINE == opensearch ]]; then
		echo "the fat jar with H2 and the in-jar bge-small, the index on one local OpenSearch 3.5 node (k-NN plugin, lucene"
		echo "engine, 1 GB heap) on the same 2 CPUs; rate limits, the query cache and the semantic answer cache off."
	else
		echo "the fat jar with embedded defaults (H2, Lucene, in-jar bge-small), rate limits, the query cache and the semantic answer cache off."
	fi
	[[ -z ${KC_BENCH_ENV:-} ]] || echo "Extra server settings: \`${KC_BENCH_ENV}\`."
	echo
	cat "$SECTION.body"
	printf 'Peak resident memory of the server over the whole run: %.0f MB.\n' "$(awk -v k="$PEAK_KB" 'BEGIN { print k / 1024 }')"
	echo "$END_MARK"
} > "$SECTION"

splice_section "$DOC" "$BEGIN_MARK" "$END_MARK" "$SECTION"
log "wrote $DOC"
cat "$SECTION"
