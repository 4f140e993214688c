#!/usr/bin/env bash
# Pseudo-relevance feedback on the bare engine (the in-jar model and Lucene, no KnowledgeCloud code),
# scored on a BEIR folder's TRAIN split only: Rocchio on the query vector and RM3-style BM25
# expansion from the first hybrid pass's best documents, against the hybrid list alone. Prints
# nDCG@10 and Recall@100 per variant; the corpus vectors are cached under target/bench.
#
#   bench/run-feedback-experiment.sh [BEIR folder, default ../shared/bench/scifact] [split, default train]
#
# ~4 minutes on 2 cores for SciFact once the vectors are cached (~7 minutes more the first time).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
JAVA_HOME=$(pick_jdk)
export JAVA_HOME MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
[[ -d target/test-classes/io/knowledgecloud/bench ]] || timeout 900 ./mvnw -B -q -DskipTests package \
	|| die "build failed"
mkdir -p target/bench
[[ -s target/bench/classpath.txt ]] || timeout 300 ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test \
	-Dmdep.outputFile=target/bench/classpath.txt > /dev/null
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
	-cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
	io.knowledgecloud.bench.FeedbackExperiment "${1:-$ROOT/../shared/bench/scifact}" "${2:-train}" 2> /dev/null
