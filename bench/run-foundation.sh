#!/usr/bin/env bash
# Foundation benchmark (issue 2): time to ready, idle RSS, authenticated GET /api/v1/me against a
# bare Spring MVC endpoint in the same application and run, and the login rate (Argon2id bound).
# The server starts as README starts it, with bin/knowledgecloud; its class cache is made first
# (bin/knowledgecloud --prepare, not timed). bench/run-startup.sh compares every launch mode.
# Writes the results between the foundation markers of docs/benchmarks.md; other sections stay.
#
#   bench/run-foundation.sh
#
# Environment (all optional):
#   KC_BENCH_PORT            port on 127.0.0.1 (default: first free one from 18080)
#   KC_BENCH_THREADS         wrk threads for the throughput runs (default 2)
#   KC_BENCH_CONNECTIONS     wrk connections for the throughput runs (default 16)
#   KC_BENCH_DURATION        seconds per measured throughput run (default 15)
#   KC_BENCH_WARMUP          seconds per discarded warm-up run (default 10; two rounds per endpoint,
#                            because the JIT needs ~30 s of load on 2 cores before numbers settle)
#   KC_BENCH_LOGIN_SECONDS   seconds per login-rate run (default 10)
#   KC_BENCH_JAVA_OPTS       extra JVM options (default none: JVM defaults, as a user would run it;
#                            passed as JAVA_OPTS, so the class cache is made for them)
#   KC_BENCH_REBUILD=1       rebuild the jar even when one exists
#   KC_BENCH_MAVEN_ARGS      extra Maven arguments for the build (e.g. -o)
#   KC_BENCH_QUIET_WAIT      seconds to wait for a quiet machine, i.e. a 1-minute load average
#                            below half the CPU count (default 300; 0 = do not wait)
#
# Only loopback traffic. Never a timed test: numbers depend on the machine; compare within a run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

THREADS=${KC_BENCH_THREADS:-2}
CONNECTIONS=${KC_BENCH_CONNECTIONS:-16}
DURATION=${KC_BENCH_DURATION:-15}
WARMUP=${KC_BENCH_WARMUP:-10}
LOGIN_SECONDS=${KC_BENCH_LOGIN_SECONDS:-10}
READY_TIMEOUT=120
OUT="$ROOT/target/bench"
DOC="$ROOT/docs/benchmarks.md"
BEGIN_MARK='<!-- foundation:begin -->'
END_MARK='<!-- foundation:end -->'

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

JAVA_HOME=$(pick_jdk)
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
JDK_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
JDK_VENDOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vendor = //p')
log "JDK: $JAVA_HOME ($JDK_VENDOR $JDK_VERSION)"

# --- the jar ----------------------------------------------------------------------------------
JAR=$(find_jar || true)
if [[ -z $JAR || ${KC_BENCH_REBUILD:-0} == 1 ]]; then
	log "building the jar (./mvnw -B -q -DskipTests package ${KC_BENCH_MAVEN_ARGS:-})"
	# shellcheck disable=SC2086
	timeout 900 ./mvnw -B -q -DskipTests ${KC_BENCH_MAVEN_ARGS:-} package || die "build failed"
	JAR=$(find_jar || true)
	[[ -n $JAR ]] || die "no jar under target/ after the build"
fi
log "jar: $JAR"
LAUNCH_DIR="$OUT/launch"
log "preparing the launcher's extracted jar and class cache in $LAUNCH_DIR (not timed)"
KC_JAR="$JAR" KC_LAUNCH_DIR="$LAUNCH_DIR" JAVA_OPTS="${KC_BENCH_JAVA_OPTS:-}" bin/knowledgecloud --prepare \
	|| die "bin/knowledgecloud --prepare failed"

# --- wrk (Debian package) ---------------------------------------------------------------------
if ! command -v wrk > /dev/null; then
	log "wrk is missing; installing it with apt-get"
	SUDO=""
	if ((EUID != 0)); then
		command -v sudo > /dev/null && SUDO="sudo -n" || die "wrk is missing and neither root nor sudo is available to install it"
	fi
	if ! { timeout 300 $SUDO apt-get update -qq \
		&& timeout 300 $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }; then
		die "could not install wrk with apt-get; install it (Debian/Ubuntu package 'wrk') and rerun"
	fi
	command -v wrk > /dev/null || die "apt-get reported success but wrk is still not on the PATH"
fi
command -v curl > /dev/null || die "curl is required"
command -v jq > /dev/null || die "jq is required"

# --- server -----------------------------------------------------------------------------------
PORT=${KC_BENCH_PORT:-}
if [[ -z $PORT ]]; then
	for PORT in $(seq 18080 18180); do port_free "$PORT" && break; done
fi
port_free "$PORT" || die "port $PORT is in use"
BASE="http://127.0.0.1:$PORT"

mkdir -p "$OUT"
DATA_DIR=$(mktemp -d -t kc-bench-XXXXXX)
SERVER_LOG="$OUT/foundation-server.log"
SERVER_PID=""
cleanup() {
	if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2> /dev/null; then
		log "stopping the server (pid $SERVER_PID)"
		kill -TERM "$SERVER_PID" 2> /dev/null || true
		for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2> /dev/null || break; sleep 0.1; done
		kill -KILL "$SERVER_PID" 2> /dev/null || true
		wait "$SERVER_PID" 2> /dev/null || true
	fi
	rm -rf "$DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ARGON2_MEMORY=$(sed -n 's/.*record Argon2(@DefaultValue("\([0-9]*\)").*/\1/p' \
	src/main/java/io/knowledgecloud/identity/internal/IdentitySettings.java)
ARGON2_ITERATIONS=$(sed -n 's/.*int memoryKib, @DefaultValue("\([0-9]*\)").*/\1/p' \
	src/main/java/io/knowledgecloud/identity/internal/IdentitySettings.java)
ARGON2_PARALLELISM=$(grep -A1 'int iterations,' src/main/java/io/knowledgecloud/identity/internal/IdentitySettings.java \
	| sed -n 's/.*@DefaultValue("\([0-9]*\)").*int parallelism.*/\1/p')
[[ -n $ARGON2_MEMORY && -n $ARGON2_ITERATIONS && -n $ARGON2_PARALLELISM ]] \
	|| die "could not read the Argon2 defaults from IdentitySettings.java"
log "Argon2id defaults: m=${ARGON2_MEMORY} KiB, t=${ARGON2_ITERATIONS}, p=${ARGON2_PARALLELISM}"

wait_for_quiet "${KC_BENCH_QUIET_WAIT:-300}"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "starting the server on $BASE (data dir $DATA_DIR, log $SERVER_LOG)"
# Embedded defaults, except: loopback only, a fresh data dir, the bare endpoint, rate limits high
# enough never to trigger, plain (non-JSON) logs.
START_NS=$(date +%s%N)
# the launcher execs the JVM, so $! is the server's own process
KC_LOG_FORMAT="" KC_JAR="$JAR" KC_LAUNCH_DIR="$LAUNCH_DIR" JAVA_OPTS="${KC_BENCH_JAVA_OPTS:-}" bin/knowledgecloud \
	--server.address=127.0.0.1 --server.port="$PORT" \
	--kc.data-dir="$DATA_DIR" \
	--kc.bench.bare-endpoint=true \
	--kc.rate-limit.api-per-minute=100000000 --kc.rate-limit.auth-per-minute=100000000 \
	> "$SERVER_LOG" 2>&1 &
SERVER_PID=$!

READY_NS=""
deadline=$((START_NS + READY_TIMEOUT * 1000000000))
while (($(date +%s%N) < deadline)); do
	kill -0 "$SERVER_PID" 2> /dev/null || die "the server exited during start-up; see $SERVER_LOG"
	readiness=$(curl -fsS --max-time 1 "$BASE/actuator/health/readiness" 2> /dev/null || true)
	if [[ $readiness == *'"status":"UP"'* ]]; then
		READY_NS=$(date +%s%N)
		break
	fi
	sleep 0.05
done
[[ -n $READY_NS ]] || die "not ready within ${READY_TIMEOUT}s; see $SERVER_LOG"
READY_S=$(awk -v a="$START_NS" -v b="$READY_NS" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
STARTED_IN=$(sed -n 's/.*Started KnowledgeCloudApplication in \([0-9.]*\) seconds.*/\1/p' "$SERVER_LOG" | head -1)
log "ready after ${READY_S}s (Spring reports started in ${STARTED_IN:-?}s)"

sleep 5
RSS_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
RSS_MB=$(awk -v k="$RSS_KB" 'BEGIN { printf "%.0f", k / 1024 }')
log "idle RSS after 5 s: ${RSS_MB} MB"

# --- a user and a token -----------------------------------------------------------------------
EMAIL="bench-$(date +%s)-$RANDOM@bench.knowledgecloud.test"
PASSWORD="bench-password-$RANDOM-$RANDOM-entropy"
CREDENTIALS=$(jq -cn --arg e "$EMAIL" --arg p "$PASSWORD" '{email: $e, password: $p}')
status=$(curl -sS --max-time 10 -o "$OUT/signup.json" -w '%{http_code}' -H 'Content-Type: application/json' \
	-d "$CREDENTIALS" "$BASE/api/v1/auth/signup")
[[ $status == 201 ]] || die "sign-up answered $status: $(cat "$OUT/signup.json")"
status=$(curl -sS --max-time 10 -o "$OUT/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
	-d "$CREDENTIALS" "$BASE/api/v1/auth/login")
[[ $status == 200 ]] || die "login answered $status: $(cat "$OUT/login.json")"
TOKEN=$(jq -r .access_token "$OUT/login.json")
# The personal workspace is created asynchronously after sign-up; measure /me with it present.
for _ in $(seq 1 100); do
	WORKSPACES=$(curl -fsS --max-time 5 -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me" | jq '.workspaces | length') || WORKSPACES=0
	((WORKSPACES > 0)) && break
	sleep 0.1
done
((WORKSPACES > 0)) || die "the personal workspace did not appear in GET /api/v1/me"
bare=$(curl -fsS --max-time 5 "$BASE/bench/bare" || true)
[[ $bare == '{"ok":true}' ]] || die "GET /bench/bare did not answer {\"ok\":true}"

# --- wrk helpers ------------------------------------------------------------------------------
# Latency from wrk ("812.00us", "1.23ms", "2.01s") in milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
		else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
		else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
		else { printf "?" } }'
}
# run_wrk NAME SECONDS THREADS CONNECTIONS ARGS... ; sets RPS, P50, P99, REQUESTS, SOCKET_ERRORS.
# A non-2xx answer means the setup is wrong (token, rate limit) and stops the run; socket errors
# (mostly wrk's 2 s request timeout on a busy machine) are counted and reported.
run_wrk() {
	local name=$1 seconds=$2 threads=$3 connections=$4
	shift 4
	local file="$OUT/wrk-$name.txt"
	timeout $((seconds + 30)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" > "$file" 2>&1 \
		|| die "wrk $name failed: $(cat "$file")"
	RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$file")
	REQUESTS=$(awk '/requests in/ { print $1 }' "$file")
	P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")
	P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")
	local non2xx
	non2xx=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } END { print n + 0 }' "$file")
	SOCKET_ERRORS=$(awk '/Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$file")
	log "$name: ${RPS} req/s, p50 ${P50} ms, p99 ${P99} ms, ${REQUESTS} requests, ${SOCKET_ERRORS} socket errors"
	((non2xx == 0)) || die "$name: $non2xx non-2xx answers (see $file)"
}

# --- throughput: /api/v1/me against /bench/bare -----------------------------------------------
AUTH=(-H "Authorization: Bearer $TOKEN")
log "warm-up (${WARMUP}s each, discarded)"
for round in 1 2; do
	run_wrk warmup-bare "$WARMUP" "$THREADS" "$CONNECTIONS" "$BASE/bench/bare"
	run_wrk warmup-me "$WARMUP" "$THREADS" "$CONNECTIONS" "${AUTH[@]}" "$BASE/api/v1/me"
done
log "measuring (${DURATION}s each, -t$THREADS -c$CONNECTIONS)"
run_wrk me "$DURATION" "$THREADS" "$CONNECTIONS" "${AUTH[@]}" "$BASE/api/v1/me"
ME_RPS=$RPS ME_P50=$P50 ME_P99=$P99 ME_ERRORS=$SOCKET_ERRORS
run_wrk bare "$DURATION" "$THREADS" "$CONNECTIONS" "$BASE/bench/bare"
BARE_RPS=$RPS BARE_P50=$P50 BARE_P99=$P99 BARE_ERRORS=$SOCKET_ERRORS
RATIO=$(awk -v a="$ME_RPS" -v b="$BARE_RPS" 'BEGIN { printf "%.2f", a / b }')

# --- login rate -------------------------------------------------------------------------------
LUA="$OUT/login.lua"
cat > "$LUA" << LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$CREDENTIALS'
LUA
log "login rate (${LOGIN_SECONDS}s each)"
run_wrk warmup-login 3 1 1 -s "$LUA" "$BASE/api/v1/auth/login"
run_wrk login-1 "$LOGIN_SECONDS" 1 1 -s "$LUA" "$BASE/api/v1/auth/login"
LOGIN1_RPS=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$OUT/wrk-login-1.txt") LOGIN1_P50=$P50 LOGIN1_P99=$P99 LOGIN1_ERRORS=$SOCKET_ERRORS
run_wrk login-2 "$LOGIN_SECONDS" 2 2 -s "$LUA" "$BASE/api/v1/auth/login"
LOGIN2_RPS=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$OUT/wrk-login-2.txt") LOGIN2_P50=$P50 LOGIN2_P99=$P99 LOGIN2_ERRORS=$SOCKET_ERRORS
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- verdicts and the document ----------------------------------------------------------------
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "pass" : "**fail**" }'; }
READY_VERDICT=$(verdict "$READY_S" "<=" 10)
RSS_VERDICT=$(verdict "$RSS_MB" "<=" 600)
RATIO_VERDICT=$(verdict "$RATIO" ">=" 0.70)

CPUS=$(nproc)
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
MEM_GB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
KERNEL=$(uname -r)
WRK_VERSION=$(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }' || true)
COMMIT=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)
DIRTY=$(git status --porcelain --untracked-files=no 2> /dev/null | grep -q . && echo " (with uncommitted changes)" || true)
DATE=$(date -u +%Y-%m-%d)

if [[ $RATIO_VERDICT == pass ]]; then
	RATIO_TEXT="Authenticated \`GET /api/v1/me\` reaches ${RATIO} of the bare endpoint's throughput, within the target of 0.70."
else
	RATIO_TEXT="Authenticated \`GET /api/v1/me\` reaches only ${RATIO} of the bare endpoint's throughput, below the target of 0.70: the request path (JWT verification, session lookup, user and workspace queries, rate limiting, JSON) needs work before this target is met."
fi

BUSY_TEXT=""
if awk -v a="$LOAD_BEFORE" -v max="$QUIET_LOAD" 'BEGIN { split(a, x, " "); exit !(x[1] >= max) }'; then
	BUSY_TEXT=" Other work was running when this run started (see the load averages above), so every figure here is depressed by it, time to ready and latency percentiles most of all; rerun on a quiet machine before drawing conclusions."
fi

SECTION_FILE="$OUT/foundation-section.md"
cat > "$SECTION_FILE" << MD
$BEGIN_MARK
## Foundation (issue 2)

_Generated by \`bench/run-foundation.sh\` on ${DATE}; do not edit between the markers, rerun the script._

**Machine:** ${CPUS} CPUs (${CPU_MODEL}), ${MEM_GB} GiB RAM, Linux ${KERNEL}; JDK ${JDK_VENDOR} ${JDK_VERSION}
(\`${JAVA_HOME}\`), JVM options: ${KC_BENCH_JAVA_OPTS:-JVM defaults}; ${WRK_VERSION}; commit \`${COMMIT}\`${DIRTY}.
The machine is shared: other builds may have been running (load average ${LOAD_BEFORE} before the run,
${LOAD_AFTER} after it, which includes the benchmark's own load), and wrk runs on the same CPUs as the server.

**Reproduce:** \`bench/run-foundation.sh\` (builds the jar if missing, installs \`wrk\` with apt-get if
missing, makes the launcher's class cache with \`bin/knowledgecloud --prepare\` (not timed), then starts
the server with \`bin/knowledgecloud\` as README does, on embedded defaults in a fresh data directory on
127.0.0.1 with \`kc.bench.bare-endpoint=true\` and rate limits raised out of the way).

| Measure | Result | Target | Verdict |
|---|---|---|---|
| Time to ready (\`bin/knowledgecloud\` started until \`/actuator/health/readiness\` is UP, polled every 50 ms) | ${READY_S} s (Spring: started in ${STARTED_IN:-?} s) | ≤ 10 s | ${READY_VERDICT} |
| Idle RSS (VmRSS, 5 s after ready) | ${RSS_MB} MB | ≤ 600 MB | ${RSS_VERDICT} |
| Throughput ratio \`/api/v1/me\` ÷ \`/bench/bare\` | ${RATIO} | ≥ 0.70 | ${RATIO_VERDICT} |

Throughput, wrk \`-t${THREADS} -c${CONNECTIONS} -d${DURATION}s\` after discarded warm-ups (two rounds of ${WARMUP} s per endpoint, alternating).
Every answer received was 2xx (the script stops otherwise); socket errors are requests wrk gave up on
after its 2 s timeout.

| Endpoint | Requests/s | p50 | p99 | Socket errors |
|---|---|---|---|---|
| \`GET /api/v1/me\` (Bearer access token; user with one workspace) | ${ME_RPS} | ${ME_P50} ms | ${ME_P99} ms | ${ME_ERRORS} |
| \`GET /bench/bare\` (returns \`{"ok":true}\`) | ${BARE_RPS} | ${BARE_P50} ms | ${BARE_P99} ms | ${BARE_ERRORS} |

Login rate, \`POST /api/v1/auth/login\` with a correct password for ${LOGIN_SECONDS} s after a 3 s warm-up;
Argon2id m=${ARGON2_MEMORY} KiB, t=${ARGON2_ITERATIONS}, p=${ARGON2_PARALLELISM} (the \`kc.identity.argon2.*\` defaults):

| Clients | Logins/s | p50 | p99 | Socket errors |
|---|---|---|---|---|
| 1 (sequential) | ${LOGIN1_RPS} | ${LOGIN1_P50} ms | ${LOGIN1_P99} ms | ${LOGIN1_ERRORS} |
| 2 concurrent | ${LOGIN2_RPS} | ${LOGIN2_P50} ms | ${LOGIN2_P99} ms | ${LOGIN2_ERRORS} |

**Interpretation.** ${RATIO_TEXT}${BUSY_TEXT} The bare endpoint passes the request-id, body-limit and Spring
Security filters (headers, anonymous access) but not bearer authentication, rate limiting or
idempotency, which apply to \`/api/*\` only; the difference is therefore the real cost of an
authenticated call. Absolute numbers are small-machine numbers: with ${CPUS} CPUs shared between
wrk and the server (and possibly other work), they say little about capacity and should be compared
only within one run. A login is dominated by the Argon2id hash (${ARGON2_MEMORY} KiB, ${ARGON2_ITERATIONS}
passes): sequential logins/s is about 1 ÷ hash time, concurrency helps only up to the number of idle
CPUs, and raising the Argon2 cost lowers the rate proportionally, which is the point of the hash. Time to ready includes the launcher, JVM start (classes from the
launcher's AOT cache or CDS archive, ADR 46), Flyway migrations on an empty H2 database and key
generation; \`bench/run-startup.sh\` compares it with \`java -jar\` on the fat jar; idle RSS is with the JVM's default heap sizing on this machine, after
the warm-ups that follow readiness and the one collection after them (ADR 39).
$END_MARK
MD

if [[ ! -f $DOC ]]; then
	cat > "$DOC" << 'MD'
# Benchmarks

Figures from the runnable benchmark commands under `bench/`. They are never timed tests: each
section says how to reproduce it and on what machine it ran. Sections between
`<!-- …:begin -->` and `<!-- …:end -->` markers are written by the scripts.
MD
fi
splice_section "$DOC" "$BEGIN_MARK" "$END_MARK" "$SECTION_FILE"
log "wrote $DOC"
cat "$SECTION_FILE"
