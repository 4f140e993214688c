#!/usr/bin/env bash
# Retrieval quality on a BEIR folder's TRAIN split only, for choosing defaults without looking at
# the test split (bench/run-retrieval.sh reports test). Starts the fat jar on a data directory that
# is kept between runs: the first run imports the corpus, later runs reuse it, so a query-time
# setting (e.g. KC_SEARCH_TITLE_BOOST) is scored without ingesting again. An ingest-time setting
# (e.g. KC_INGEST_CHUNK_MAX_TOKENS) needs its own data directory.
#
#   bench/run-train-eval.sh DATA_DIR [VAR=value ...]     e.g. bench/run-train-eval.sh /tmp/kc-train KC_SEARCH_TITLE_BOOST=0
#
# Prints keyword, vector and the best hybrid fusion (nDCG@10, Recall@100, MRR@10). ~5 minutes for
# SciFact's first run on 2 cores, ~30 s after that. KC_BENCH_DATA selects the BEIR folder.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
[[ $# -ge 1 ]] || die "usage: bench/run-train-eval.sh DATA_DIR [VAR=value ...]"
DIR=$1
shift
JAVA_HOME=$(pick_jdk)
JAVA="$JAVA_HOME/bin/java"
export JAVA_HOME MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
JAR=$(find_jar || true)
if [[ -z $JAR || ! -d target/test-classes/io/knowledgecloud/bench ]]; then
	log "building"
	timeout 900 ./mvnw -B -q -DskipTests package || die "build failed"
	JAR=$(find_jar)
fi
mkdir -p target/bench "$DIR"
[[ -s target/bench/classpath.txt ]] || timeout 300 ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test \
	-Dmdep.outputFile=target/bench/classpath.txt > /dev/null
PORT=18310
for PORT in $(seq 18310 18400); do port_free "$PORT" && break; done
env SERVER_PORT="$PORT" KC_DATA_DIR="$DIR" KC_RATE_LIMIT_ENABLED=false KC_SEARCH_CACHE_ENABLED=false "$@" \
	"$JAVA" -jar "$JAR" > "$DIR/server.log" 2>&1 &
PID=$!
trap 'kill -TERM "$PID" 2> /dev/null || true; wait "$PID" 2> /dev/null || true' EXIT
for _ in $(seq 1 240); do
	curl -fsS "http://127.0.0.1:$PORT/actuator/health/readiness" > /dev/null 2>&1 && break
	kill -0 "$PID" 2> /dev/null || die "the server exited; see $DIR/server.log"
	sleep 0.5
done
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
	io.knowledgecloud.bench.TrainEval --data "${KC_BENCH_DATA:-$ROOT/../shared/bench/scifact}" \
	--url "http://127.0.0.1:$PORT" --state "$DIR/train.state"
