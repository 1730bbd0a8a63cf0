#!/usr/bin/env bash
# The receiver's load benchmark (README.md, "Performance"). For each database (H2, the embedded default, and
# PostgreSQL), in one run:
#   1. the database's ceiling: one thread batch-inserting the same rows with the receiver's statement (DatabaseCeiling);
#   2. the receiver started as the README starts it (mvn jetty:run, -Xmx256m) plus a no-op web app in the same Jetty
#      (NoOpServlet, and HandOffServlet, which answers from another thread as any group commit must);
#   3. wrk (2 threads, keep-alive connections) at saturation against the no-op servlets and the receiver, in
#      alternating rounds whose medians are reported (one run of each varies by a quarter on 2 cores), then at fixed
#      offered loads of 25, 50 and 75 % of the receiver's saturation (p50/p99 latency);
#   4. wrong passwords from one address for 10 s (429 once limited: what a refusal costs), then the receiver
#      stopped: rows stored must equal the 200 answers counted by wrk;
#   5. the table prefilled to BENCH_PREFILL_ROWS rows (PostgreSQL then vacuumed and checkpointed, as a table that grew
#      over months would be, rather than measured while autovacuum first visits a million fresh rows), the receiver
#      restarted and saturated again, as many rounds.
# Peak heap is sampled with jstat throughout. Each saturation run also measures what one request costs the machine in
# CPU time (from /proc/stat: every process, the kernel included), and what of it the receiver's JVM and a local
# PostgreSQL's processes spent: with the database ceiling's CPU per row, that bounds what any receiver could reach
# on this machine, and the script prints the bound. Prints one line per figure and a summary; exits non-zero when a
# check fails (rows != 200s, an OutOfMemoryError). Needs wrk (apt-get install wrk), psql for PostgreSQL.
#
# Settings (environment): BENCH_DATABASES ("h2 postgresql"), BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (60: the JIT
# compilers of a 2-core machine are still busy after 20 s of load), BENCH_ROUNDS (3), BENCH_CONNECTIONS (32),
# BENCH_PREFILL_ROWS (10000000), BENCH_PORT (18080), BENCH_PG_HOST/PORT/USER (127.0.0.1/5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/../.."

DATABASES=${BENCH_DATABASES:-"h2 postgresql"}
RUN_SECONDS=${BENCH_SECONDS:-20}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-60}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
PREFILL_ROWS=${BENCH_PREFILL_ROWS:-10000000}
PORT=${BENCH_PORT:-18080}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
OUT=$PWD/target/bench
ADMIN_PASSWORD=bench-admin-password
WEBHOOK_PASSWORD=bench-webhook-password
CHANNEL=bench-channel
RECEIVER_URL=http://127.0.0.1:$PORT/social/on/whatsapp/gupshup/message/$CHANNEL
NOOP_URL=http://127.0.0.1:$PORT/noop/
HANDOFF_URL=http://127.0.0.1:$PORT/noop/handoff/
MARKER=bench-$$

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"
failures=0
summary=()

figure() { printf 'BENCH %-12s %-34s %s\n' "$1" "$2" "$3"; summary+=("$(printf '%-12s %-34s %s' "$1" "$2" "$3")"); }
fail() { echo "BENCH FAILED: $*" >&2; failures=$((failures + 1)); }

echo "== building (test classes hold the no-op servlet and the ceiling tools)"
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath" >/dev/null
CLASSPATH_TOOLS="$PWD/target/test-classes:$PWD/target/classes:$(cat "$OUT/classpath")"
H2_JAR=$(tr ':' '\n' < "$OUT/classpath" | grep '/h2-[0-9.]*\.jar$')
# The no-op web app of the bench profile: its web.xml and its two servlets.
mkdir -p "$OUT/noop-webapp/WEB-INF/classes/com/contactcenter/reports/bench"
cp src/bench/noop-webapp/WEB-INF/web.xml "$OUT/noop-webapp/WEB-INF/"
cp target/test-classes/com/contactcenter/reports/bench/{NoOpServlet,HandOffServlet}*.class \
  "$OUT/noop-webapp/WEB-INF/classes/com/contactcenter/reports/bench/"

receiver_pid=""
sampler_pid=""
stop_receiver() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  if [ -n "$receiver_pid" ]; then
    kill "$receiver_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$receiver_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$receiver_pid" 2>/dev/null || true
  fi
  receiver_pid=""
}
trap stop_receiver EXIT

start_receiver() { # $1 jdbc url, $2 user, $3 log name
  MAVEN_OPTS="-Xmx256m -XX:+ExitOnOutOfMemoryError" REPORTS_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    mvn -q -B -ntp -P bench jetty:run -Djetty.http.port="$PORT" -Dreports.jdbc.url="$1" -Dreports.jdbc.user="$2" \
      -Dbench.marker=$MARKER > "$OUT/$3.log" 2>&1 &
  for _ in $(seq 1 120); do
    receiver_pid=$(pgrep -f "bench.marker=$MARKER" | head -n 1 || true)
    if [ -n "$receiver_pid" ] && curl -s -o /dev/null "http://127.0.0.1:$PORT/social/"; then break; fi
    sleep 1
  done
  curl -s -o /dev/null "http://127.0.0.1:$PORT/social/" || { cat "$OUT/$3.log" >&2; echo "receiver did not start" >&2; exit 1; }
  # Peak heap: used bytes of every generation, sampled each second.
  (while kill -0 "$receiver_pid" 2>/dev/null; do
     jstat -gc "$receiver_pid" 2>/dev/null | awk 'NR==2 { printf "%.0f\n", ($3 + $4 + $6 + $8) / 1024 }'
     sleep 1
   done >> "$OUT/heap-$DB.txt") &
  sampler_pid=$!
  curl -s -f -o /dev/null -u "admin:$ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
    -d "{\"webhookPassword\": \"$WEBHOOK_PASSWORD\"}" "http://127.0.0.1:$PORT/social/admin/channels/gupshup/$CHANNEL"
}

# CPU ticks (USER_HZ) spent so far: "machine-busy receiver-jvm database-server". The database server's are those of
# the local processes of the user postgres (0 for H2, which runs inside the JVM).
cpu_ticks() {
  local machine jvm database=0
  machine=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
  jvm=$(awk '{ print $14 + $15 }' "/proc/$receiver_pid/stat" 2>/dev/null || echo 0)
  if [ "$DB" = postgresql ]; then
    database=$(for pid in $(pgrep -u postgres); do awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null; done \
      | awk '{ s += $1 } END { print s + 0 }')
  fi
  echo "$machine $jvm $database"
}

OK_TOTAL=0
run_wrk() { # $1 url, $2 delay ms, $3 seconds of reports, $4 the password sent (the channel's by default)
  # prints "rate ok refused errors p50 p99 machine-cpu-us-per-request jvm-us database-server-us"; the rate counts
  # 200s, the CPU is per answer (200 or not)
  local result before after
  before=$(cpu_ticks)
  result=$(BENCH_PASSWORD=${4:-$WEBHOOK_PASSWORD} BENCH_DELAY_MS=$2 BENCH_REPORT_SECONDS=$3 \
    wrk -t2 -c"$CONNECTIONS" -d"$(($3 + 3))s" --timeout 10s -s src/bench/report-mix.lua "$1" | grep '^WRK ')
  after=$(cpu_ticks)
  local ok refused errors p50 p99
  ok=$(sed -E 's/.* ok=([0-9]+).*/\1/' <<< "$result")
  refused=$(sed -E 's/.* refused=([0-9]+).*/\1/' <<< "$result")
  errors=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<< "$result")
  p50=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<< "$result")
  p99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<< "$result")
  # 1 tick = 10,000 us (USER_HZ is 100); a database process that ended meanwhile can only make its share smaller.
  local cpu
  cpu=$(echo "$before $after" | awk -v answers="$((ok + refused))" '{ n = (answers > 0 ? answers : 1); d = $6 - $3; if (d < 0) d = 0;
    printf "%.0f %.0f %.0f", ($4 - $1) * 10000 / n, ($5 - $2) * 10000 / n, d * 10000 / n }')
  echo "$((ok / $3)) $ok $refused $errors $p50 $p99 $cpu"
}

# The median by rate of the runs of one kind recorded in a rounds file: "kind rate ok ..." -> "rate ok ...".
median_run() { # $1 file, $2 kind
  grep "^$2 " "$1" | cut -d' ' -f2- | sort -n -k1,1 | awk '{ run[NR] = $0 } END { print run[int((NR + 1) / 2)] }'
}

# One saturation run of the receiver, recorded in a rounds file; its 200s count towards OK_TOTAL (call it directly,
# not in a subshell).
receiver_round() { # $1 file
  local run ok
  run=$(run_wrk "$RECEIVER_URL" 0 "$RUN_SECONDS")
  echo "receiver $run" >> "$1"
  read -r _ ok _ <<< "$run"; OK_TOTAL=$((OK_TOTAL + ok))
}

# Refusals and errors of every run of one kind, summed: "refused errors". The median run alone would hide those of
# the other rounds.
round_failures() { # $1 file, $2 kind
  grep "^$2 " "$1" | awk '{ refused += $4; errors += $5 } END { printf "%d %d", refused, errors }'
}

# All rates of one kind, in the order run: "a / b / c".
all_rates() { # $1 file, $2 kind
  grep "^$2 " "$1" | awk '{ printf "%s%s", (NR > 1 ? " / " : ""), $2 }'
}

count_rows() { # $1 db; the receiver must be stopped for H2
  if [ "$1" = h2 ]; then
    java -cp "$H2_JAR" org.h2.tools.Shell -url "$H2_URL" -user sa -sql "SELECT COUNT(*) AS N FROM message_report" \
      | awk '/^[0-9]+$/ { print; exit }'
  else
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d bench_receiver -tAc "SELECT COUNT(*) FROM message_report"
  fi
}

for DB in $DATABASES; do
  echo "== $DB"
  OK_TOTAL=0
  case "$DB" in
    h2)
      H2_URL="jdbc:h2:file:$OUT/h2/reports;WRITE_DELAY=0"
      URL=$H2_URL; USER=sa
      CEILING_URL="jdbc:h2:file:$OUT/h2/ceiling;WRITE_DELAY=0"
      ;;
    postgresql)
      for database in bench_receiver bench_ceiling; do
        psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d test -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)"
        psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d test -qc "CREATE DATABASE $database"
      done
      URL="jdbc:postgresql://$PG_HOST:$PG_PORT/bench_receiver?reWriteBatchedInserts=true"; USER=$PG_USER
      CEILING_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/bench_ceiling?reWriteBatchedInserts=true"
      ;;
    *) echo "unknown database $DB" >&2; exit 1 ;;
  esac

  java -Xmx256m -cp "$CLASSPATH_TOOLS" com.contactcenter.reports.bench.DatabaseCeiling "$CEILING_URL" "$USER" "" \
    "$RUN_SECONDS" 2>/dev/null | tee "$OUT/ceiling-$DB.txt"
  db_ceiling=$(sed -nE 's/.*batch=500 rows_per_second=([0-9]+).*/\1/p' "$OUT/ceiling-$DB.txt")
  db_ceiling_32=$(sed -nE 's/.*batch=32 rows_per_second=([0-9]+).*/\1/p' "$OUT/ceiling-$DB.txt")
  db_cpu=$(sed -nE 's/.*batch=500 .*cpu_us_per_row=([0-9]+).*/\1/p' "$OUT/ceiling-$DB.txt")
  db_cpu_32=$(sed -nE 's/.*batch=32 .*cpu_us_per_row=([0-9]+).*/\1/p' "$OUT/ceiling-$DB.txt")
  figure "$DB" "database ceiling, batch 500 (rows/s)" "$db_ceiling (machine CPU $db_cpu us/row)"
  figure "$DB" "database ceiling, batch 32 (rows/s)" "$db_ceiling_32 (machine CPU $db_cpu_32 us/row)"
  # The database's ceiling is the better of the two: on H2 the small batch is sometimes the faster.
  [ "$db_ceiling_32" -gt "$db_ceiling" ] && db_ceiling=$db_ceiling_32

  start_receiver "$URL" "$USER" "receiver-$DB"
  # Warm-up: until the JIT compilers are done with the receiver's path, they take much of the 2 cores.
  read -r _ ok _ _ _ _ < <(run_wrk "$RECEIVER_URL" 0 "$WARMUP_SECONDS"); OK_TOTAL=$((OK_TOTAL + ok))
  run_wrk "$NOOP_URL" 0 10 > /dev/null                                                   # warm-up
  run_wrk "$HANDOFF_URL" 0 10 > /dev/null                                                # warm-up
  rounds="$OUT/saturation-$DB.txt"
  for _ in $(seq 1 "$ROUNDS"); do
    echo "noop $(run_wrk "$NOOP_URL" 0 "$RUN_SECONDS")" >> "$rounds"
    echo "handoff $(run_wrk "$HANDOFF_URL" 0 "$RUN_SECONDS")" >> "$rounds"
    receiver_round "$rounds"
  done
  read -r noop_rate _ _ _ noop_p50 noop_p99 noop_cpu noop_jvm _ <<< "$(median_run "$rounds" noop)"
  read -r handoff_rate _ _ _ handoff_p50 handoff_p99 handoff_cpu _ <<< "$(median_run "$rounds" handoff)"
  read -r rate _ _ _ p50 p99 cpu jvm database <<< "$(median_run "$rounds" receiver)"
  read -r refused errors <<< "$(round_failures "$rounds" receiver)"
  figure "$DB" "container ceiling, no-op (req/s)" "$noop_rate (p50 $noop_p50 ms, p99 $noop_p99 ms; median of $(all_rates "$rounds" noop))"
  figure "$DB" "receiver at saturation (reports/s)" "$rate (p50 $p50 ms, p99 $p99 ms; $refused refused, $errors errors in all rounds; median of $(all_rates "$rounds" receiver))"
  figure "$DB" "no-op answered after a hand-off" "$handoff_rate req/s (p50 $handoff_p50 ms, p99 $handoff_p99 ms)"
  figure "$DB" "receiver / container ceiling" "$(awk -v a="$rate" -v b="$noop_rate" 'BEGIN { printf "%.0f %%", 100 * a / b }')"
  figure "$DB" "receiver / database ceiling" "$(awk -v a="$rate" -v b="$db_ceiling" 'BEGIN { printf "%.0f %%", 100 * a / b }')"
  figure "$DB" "machine CPU per no-op request" "$noop_cpu us (the JVM $noop_jvm us, wrk and the kernel the rest)"
  figure "$DB" "machine CPU per hand-off request" "$handoff_cpu us"
  figure "$DB" "machine CPU per report" "$cpu us (the JVM $jvm us, the database server $database us)"
  # The bound: every core busy, each report costing what the no-op request costs plus what the database ceiling
  # spent per row (batch 32, the receiver's batch size at this load), and nothing for the receiver's own code.
  target=$(awk -v c="$noop_rate" -v d="$db_ceiling" 'BEGIN { a = c / 2; b = d * 0.8; printf "%.0f", (a < b ? a : b) }')
  bound=$(awk -v n="$(nproc)" -v a="$noop_cpu" -v b="$db_cpu_32" 'BEGIN { printf "%.0f", n * 1e6 / (a + b) }')
  figure "$DB" "target (50 % container, 80 % db)" "$target reports/s, the lower of the two"
  figure "$DB" "CPU bound on $(nproc) cores" "$bound reports/s = $(nproc) cores / ($noop_cpu + $db_cpu_32 us)"
  # The same with the request's cost taken from the hand-off servlet: a report answered only once its batch has
  # committed is answered from a thread other than the one that read it (all but one report of each batch, in any
  # group commit), so this bounds every receiver that keeps "2xx means committed", before it parses a byte.
  bound=$(awk -v n="$(nproc)" -v a="$handoff_cpu" -v b="$db_cpu_32" 'BEGIN { printf "%.0f", n * 1e6 / (a + b) }')
  figure "$DB" "bound with the hand-off" "$bound reports/s = $(nproc) cores / ($handoff_cpu + $db_cpu_32 us)"
  for percent in 25 50 75; do
    target=$((rate * percent / 100))
    # wrk offers no fixed rate: each connection waits the delay before each request, so it offers
    # connections / (delay + latency). A 5 s probe at connections / target measures that latency, and the delay is
    # shortened by it once.
    delay=$(awk -v c="$CONNECTIONS" -v r="$target" 'BEGIN { d = c * 1000 / r; printf "%d", (d < 1 ? 1 : d) }')
    read -r probe ok _ < <(run_wrk "$RECEIVER_URL" "$delay" 5); OK_TOTAL=$((OK_TOTAL + ok))
    delay=$(awk -v c="$CONNECTIONS" -v r="$target" -v d="$delay" -v a="$probe" 'BEGIN {
      l = (a > 0 ? c * 1000 / a - d : 0); if (l < 0) l = 0; x = c * 1000 / r - l; printf "%.0f", (x < 1 ? 1 : x) }')
    read -r achieved ok refused errors p50 p99 _ < <(run_wrk "$RECEIVER_URL" "$delay" "$RUN_SECONDS")
    OK_TOTAL=$((OK_TOTAL + ok))
    figure "$DB" "at $percent % of saturation" "$achieved reports/s offered ~$target: p50 $p50 ms, p99 $p99 ms"
  done
  # A flood of wrong passwords from one address: after reports.auth-failure-limit failures every answer is 429,
  # decided before any hashing or database read. What one such refusal costs the machine, against the no-op's.
  read -r _ ok refused errors p50 p99 cpu jvm _ < <(run_wrk "$RECEIVER_URL" 0 10 not-the-channel-password)
  [ "$ok" = 0 ] || fail "$DB: $ok wrong passwords answered 200"
  figure "$DB" "wrong passwords refused (429, 401)" "$((refused / 10)) a second (p50 $p50 ms, p99 $p99 ms; machine CPU $cpu us per refusal, the JVM $jvm us)"
  stop_receiver
  grep -q OutOfMemoryError "$OUT/receiver-$DB.log" && fail "$DB: OutOfMemoryError"
  rows=$(count_rows "$DB")
  figure "$DB" "200 answers / rows stored" "$OK_TOTAL / $rows"
  [ "$rows" = "$OK_TOTAL" ] || fail "$DB: $OK_TOTAL reports acknowledged but $rows rows stored"

  if [ "$PREFILL_ROWS" -gt 0 ]; then
    java -Xmx256m -cp "$CLASSPATH_TOOLS" com.contactcenter.reports.bench.TablePrefill "$URL" "$USER" "" \
      "$PREFILL_ROWS" 2>/dev/null | tee "$OUT/prefill-$DB.txt"
    if [ "$DB" = postgresql ]; then
      psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d bench_receiver -qc "VACUUM ANALYZE message_report" -c "CHECKPOINT"
    fi
    before=$((rows + PREFILL_ROWS))
    OK_TOTAL=0
    start_receiver "$URL" "$USER" "receiver-$DB-full"
    read -r _ ok _ _ _ _ < <(run_wrk "$RECEIVER_URL" 0 "$WARMUP_SECONDS"); OK_TOTAL=$((OK_TOTAL + ok))   # warm-up
    full_rounds="$OUT/saturation-$DB-full.txt"
    for _ in $(seq 1 "$ROUNDS"); do
      receiver_round "$full_rounds"
    done
    read -r full_rate _ _ _ p50 p99 _ <<< "$(median_run "$full_rounds" receiver)"
    read -r refused errors <<< "$(round_failures "$full_rounds" receiver)"
    stop_receiver
    grep -q OutOfMemoryError "$OUT/receiver-$DB-full.log" && fail "$DB: OutOfMemoryError"
    figure "$DB" "saturation with $PREFILL_ROWS rows" "$full_rate reports/s (p50 $p50 ms, p99 $p99 ms; $refused refused, $errors errors in all rounds; median of $(all_rates "$full_rounds" receiver))"
    figure "$DB" "full table / empty table" "$(awk -v a="$full_rate" -v b="$rate" 'BEGIN { printf "%.0f %%", 100 * a / b }')"
    rows=$(count_rows "$DB")
    figure "$DB" "200 answers / new rows (full)" "$OK_TOTAL / $((rows - before))"
    [ "$((rows - before))" = "$OK_TOTAL" ] || fail "$DB: $OK_TOTAL acknowledged but $((rows - before)) new rows"
  fi
  figure "$DB" "peak heap used (MB, -Xmx256m)" "$(sort -n "$OUT/heap-$DB.txt" | tail -n 1)"
done

echo
echo "== summary ($(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -n 1), wrk -t2 -c$CONNECTIONS, load generator on the same machine)"
printf '%s\n' "${summary[@]}"
if [ "$failures" -gt 0 ]; then
  echo "BENCH: $failures check(s) failed"
  exit 1
fi
echo "BENCH: all checks passed"
