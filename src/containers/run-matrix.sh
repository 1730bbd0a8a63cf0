#!/usr/bin/env bash
# The built WAR in real server distributions, installed the operator's way (docs/deploy-*.md).
#
#   src/containers/run-matrix.sh [WAR] [CELL_PATTERN...]
#
# WAR defaults to target/social.war. CELL_PATTERNs (shell patterns, e.g. 'wildfly*' or '*-h2') pick cells; the
# default is every cell. Each cell prints one PASS or FAIL line; the last line is 'N passed, M failed', and the exit
# status is non-zero when a cell failed.
#
# Cells:
#   SERVER-DATABASE for SERVER in tomcat11, tomcat10, jetty12, wildfly37 and DATABASE in postgresql, mariadb, h2:
#     downloads the server from Maven Central (versions.sh), creates a database and a user for it, installs the WAR
#     with the server's src/containers/SERVER/install.sh, starts the server on free ports of 127.0.0.1, then:
#     configures a channel through the admin API with the server's own user store (create, rotate its password,
#     create and delete a second one, list), posts the interface page's example and a full report lifecycle with a
#     duplicate, checks that a wrong or missing password gets 401 and a body with a repeated key 400, stops the
#     server and reads the rows back with psql, mariadb or H2's Shell.
#   tomcat11-postgresql-kill9: a crash under load. The same install on PostgreSQL and a channel; 16 clients post
#     reports for at least 10 s and until 5,000 are answered 200 (KillUnderLoad in src/test/java, compiled here with
#     javac), then the server's JVM is killed with SIGKILL in the middle of their requests; no process of the cell may
#     remain. The server is started again and must take a report; then message_report must hold every report answered
#     200 (the exact gs_id|status keys) and nothing that was never sent. Prints one FAULT line with the figures.
#   SERVER-no-datasource for tomcat11, jetty12 and wildfly37: the same install without the DataSource; the deployment
#     must fail with a message that says so.
#   docs-in-sync: docs/deploy-*.md quote the files of src/containers exactly (sync-docs.sh --check).
#
# Environment:
#   REPORTS_TEST_POSTGRESQL_URL, _USER, _PASSWORD   admin access to PostgreSQL, the same variables as the DAO tests
#       (default jdbc:postgresql://127.0.0.1:5432/test, postgres, empty); each cell creates a database and a user
#   REPORTS_TEST_MARIADB_URL, _USER, _PASSWORD      the same for MariaDB (default jdbc:mariadb://127.0.0.1:3306/test,
#       root, empty). A database server that cannot be reached fails its cells: they are never skipped.
#   MATRIX_CACHE    downloads and unpacked servers (default ~/.cache/whatsapp-report-receiver)
#   MATRIX_WORK     the cells' folders and logs (default a new folder under /tmp, removed when every cell passed)
#   MATRIX_KEEP=1   keep MATRIX_WORK, server copies included
set -uo pipefail

CONTAINERS=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$CONTAINERS/../.." && pwd)
# shellcheck source=versions.sh
. "$CONTAINERS/versions.sh"
# shellcheck source=lib/harness.sh
. "$CONTAINERS/lib/harness.sh"
# shellcheck source=lib/servers.sh
. "$CONTAINERS/lib/servers.sh"

WAR=${1:-$REPO/target/social.war}
[ $# -gt 0 ] && shift
PATTERNS=("$@")
[ ${#PATTERNS[@]} -gt 0 ] || PATTERNS=('*')
case "$WAR" in /*) ;; *) WAR=$PWD/$WAR ;; esac
SAMPLES=$REPO/src/test/resources/gupshup

PG_ADMIN_URL=${REPORTS_TEST_POSTGRESQL_URL:-jdbc:postgresql://127.0.0.1:5432/test}
PG_ADMIN_USER=${REPORTS_TEST_POSTGRESQL_USER:-postgres}
PG_ADMIN_PASSWORD=${REPORTS_TEST_POSTGRESQL_PASSWORD:-}
MARIADB_ADMIN_URL=${REPORTS_TEST_MARIADB_URL:-jdbc:mariadb://127.0.0.1:3306/test}
MARIADB_ADMIN_USER=${REPORTS_TEST_MARIADB_USER:-root}
MARIADB_ADMIN_PASSWORD=${REPORTS_TEST_MARIADB_PASSWORD:-}
MATRIX_CACHE=${MATRIX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/whatsapp-report-receiver}
MATRIX_WORK=${MATRIX_WORK:-$(mktemp -d /tmp/reports-matrix.XXXXXX)}
mkdir -p "$MATRIX_CACHE" "$MATRIX_WORK"

ALL_CELLS=(
  tomcat11-postgresql tomcat11-mariadb tomcat11-h2
  tomcat10-postgresql tomcat10-mariadb tomcat10-h2
  jetty12-postgresql jetty12-mariadb jetty12-h2
  wildfly37-postgresql wildfly37-mariadb wildfly37-h2
  tomcat11-postgresql-kill9
  tomcat11-no-datasource jetty12-no-datasource wildfly37-no-datasource
  docs-in-sync
)

# The same data in every cell; the expected rows follow from the samples (src/test/resources/gupshup):
# interface-example.json is keyed by its gsId 7d047a97-..., enqueued.json by its payload.id 59f8db90-... (it has no
# gsId), sent, delivered and read by gsId ee4a68a0-..., and failed-by-gupshup.json by its payload.id, which is
# ee4a68a0-... as well: that message ends 'failed' (failed ranks above read) with error code 1008.
EXPECTED_REPORTS='59f8db90-c37e-4408-90ab-cc54ef8246ad|enqueued
7d047a97-c5b8-4f13-82cb-f68068d1a33a|read
ee4a68a0-1203-4c85-8dc3-49d0b3226a35|delivered
ee4a68a0-1203-4c85-8dc3-49d0b3226a35|failed
ee4a68a0-1203-4c85-8dc3-49d0b3226a35|read
ee4a68a0-1203-4c85-8dc3-49d0b3226a35|sent'
EXPECTED_STATUSES='59f8db90-c37e-4408-90ab-cc54ef8246ad|enqueued|-
7d047a97-c5b8-4f13-82cb-f68068d1a33a|read|-
ee4a68a0-1203-4c85-8dc3-49d0b3226a35|failed|1008'

# war_schema_versions DATABASE: the versions of the WAR's Flyway scripts for that database (its own folder and
# common/), in order, as Flyway records them (V1_1__x.sql is version 1.1).
war_schema_versions() {
  { unzip -Z1 "$WAR" "WEB-INF/classes/db/migration/$1/*" "WEB-INF/classes/db/migration/common/*" 2>/dev/null || true; } \
    | sed -n 's#.*/V\([0-9_.]*\)__[^/]*\.sql$#\1#p' | tr '_' '.' | sort -V
}

# ---------------------------------------------------------------------------------------------------------------
# A cell runs in a subshell: its EXIT trap stops its server and drops its database whatever happens.

cell_cleanup() {
  local status=$?
  [ -z "$LOAD_PID" ] || kill "$LOAD_PID" 2>/dev/null || true
  stop_server
  drop_database || step "could not drop $DB_NAME"
  # A WildFly copy is 300 MB: only the logs stay, unless MATRIX_KEEP=1.
  [ "${MATRIX_KEEP:-}" = 1 ] || rm -rf "$CELL_DIR/wildfly" "$CELL_DIR/tomcat/work" "$CELL_DIR/jetty-base/work"
  exit "$status"
}

enter_cell() {
  CELL_DIR=$MATRIX_WORK/$1
  mkdir -p "$CELL_DIR"
  SERVER_PID='' LOAD_PID='' DB_CREATED='' DB_NAME='' DB_KIND=''
  trap cell_cleanup EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  # Any command that fails unexpectedly ends the cell, and says which.
  trap 'printf "FAILED: line %s: %s (exit status %s)\n" "$LINENO" "$BASH_COMMAND" "$?"' ERR
  set -Eeu
}

# start_deployed SERVER: starts the installed server and waits until /social is deployed.
start_deployed() {
  local limit=90
  [ "$1" = wildfly37 ] && limit=180
  "${1}_start"
  wait_for_deployment "$1" "$limit"
}

scenario_cell() {
  local server=$1 database=$2
  enter_cell "$server-$database"
  local admin_password hook_password rotated
  admin_password=Adm-$(random_hex 6)-1
  hook_password=hook-$(random_hex 8)
  rotated=hook-$(random_hex 8)
  export REPORTS_ADMIN_PASSWORD=$admin_password

  create_database "$database"
  "${server}_prepare"
  "${server}_install"
  start_deployed "$server"

  step "admin API, as reports-admin of the server's own user store"
  local json=(-H 'Content-Type: application/json')
  http 401 GET /admin/channels -u "reports-admin:wrong-$admin_password"
  http 201 PUT /admin/channels/gupshup/acme-1 -u "reports-admin:$admin_password" "${json[@]}" \
    -d "{\"webhookPassword\":\"$hook_password\"}"
  expect_no_store
  http 200 PUT /admin/channels/gupshup/acme-1 -u "reports-admin:$admin_password" "${json[@]}" \
    -d "{\"webhookPassword\":\"$rotated\"}"
  http 201 PUT /admin/channels/gupshup/acme-2 -u "reports-admin:$admin_password" "${json[@]}" \
    -d "{\"webhookPassword\":\"$hook_password\"}"
  http 204 DELETE /admin/channels/gupshup/acme-2 -u "reports-admin:$admin_password"
  http 200 GET /admin/channels -u "reports-admin:$admin_password"
  expect_no_store
  case "$BODY" in *'"channelId":"acme-1"'*) ;; *) fail "GET /admin/channels does not list acme-1: $BODY" ;; esac
  case "$BODY" in *acme-2*) fail "GET /admin/channels still lists the deleted acme-2: $BODY" ;; esac

  step "webhook: the interface page's example, a full lifecycle with a duplicate, wrong passwords"
  post_report 401 "$hook_password" interface-example.json   # the password before the rotation
  post_report 200 "$rotated" interface-example.json
  post_report 200 "$rotated" enqueued.json
  post_report 200 "$rotated" sent.json
  post_report 200 "$rotated" delivered.json
  post_report 200 "$rotated" delivered.json                 # the duplicate: acknowledged, stored once
  post_report 200 "$rotated" read.json
  post_report 200 "$rotated" failed-by-gupshup.json
  post_report 401 "wrong-$rotated" deleted.json
  post_report 401 - deleted.json
  # Parsson's duplicate-key check: proves that the bundled JSON-P implementation is the one at work.
  http 400 POST /on/whatsapp/gupshup/message/acme-1 -H "Authorization: $rotated" "${json[@]}" \
    -d '{"timestamp":1580546677791,"type":"message-event","type":"user-event","payload":{}}'

  step "operations: health without credentials, /metrics counting the scenario above"
  http 200 GET /health/live
  http 200 GET /health/ready
  http 200 GET /metrics
  local counted  # the same on every database (a duplicate may be "uncounted" on PostgreSQL and MariaDB)
  for counted in 'whatsapp_receiver_authentication_failures_total 3.0' \
      'whatsapp_receiver_webhook_rejections_total{reason="bad_request"} 1.0'; do
    case "$BODY" in *"$counted"*) ;; *) fail "GET /metrics does not say: $counted" ;; esac
  done

  stop_server

  local client=psql
  [ "$database" = mariadb ] && client=mariadb
  [ "$database" = h2 ] && client="H2's org.h2.tools.Shell"
  step "reading the rows back with $client"
  local q=
  [ "$database" = h2 ] && q='"'   # Flyway quotes its table's lower-case names, which H2 would otherwise upper-case
  expect_rows "one report per (gs_id, status), duplicate and refused posts not stored" \
    "SELECT gs_id, status FROM message_report ORDER BY gs_id, status" "$EXPECTED_REPORTS"
  expect_rows "every report on gupshup/acme-1, with its raw body" \
    "SELECT COUNT(*) FROM message_report WHERE bsp = 'gupshup' AND channel_id = 'acme-1' AND raw_report IS NOT NULL" 6
  expect_rows "message_status: the furthest status of each message" \
    "SELECT gs_id, status, COALESCE(error_code, '-') FROM message_status ORDER BY gs_id" "$EXPECTED_STATUSES"
  expect_rows "whatsapp_channel: acme-1 only" \
    "SELECT bsp, channel_id FROM whatsapp_channel ORDER BY channel_id" 'gupshup|acme-1'
  local versions
  versions=$(war_schema_versions "$database")
  [ -n "$versions" ] || fail "the WAR holds no schema scripts for $database"
  expect_rows "Flyway applied every schema script of the WAR ($(echo "$versions" | paste -sd ' ' -))" \
    "SELECT ${q}version${q} FROM ${q}flyway_schema_history${q} WHERE ${q}success${q} = TRUE AND ${q}version${q} IS NOT NULL ORDER BY ${q}installed_rank${q}" \
    "$versions"
}

# The server's JVM killed with SIGKILL under load, then restarted: every report answered 200 must be in
# message_report. The figures go to $CELL_DIR/figures, which the matrix prints.
crash_cell() {
  local server=$1 database=$2 hook_password java_sources=$REPO/src/test/java/com/contactcenter/reports
  enter_cell "$server-$database-kill9"
  hook_password=hook-$(random_hex 8)
  REPORTS_ADMIN_PASSWORD=Adm-$(random_hex 6)-1
  export REPORTS_ADMIN_PASSWORD

  step "compiling the load: javac testing/ReportLoad.java faults/KillUnderLoad.java"
  javac -d "$CELL_DIR/load" "$java_sources/testing/ReportLoad.java" "$java_sources/faults/KillUnderLoad.java"
  create_database "$database"
  "${server}_prepare"
  "${server}_install"
  start_deployed "$server"
  http 201 PUT /admin/channels/gupshup/acme-1 -u "reports-admin:$REPORTS_ADMIN_PASSWORD" \
    -H 'Content-Type: application/json' -d "{\"webhookPassword\":\"$hook_password\"}"

  step "load on the channel acme-1 until the JVM (pid $SERVER_PID) is killed with SIGKILL"
  java -Xmx256m -cp "$CELL_DIR/load" com.contactcenter.reports.faults.KillUnderLoad \
    "$BASE/on/whatsapp/gupshup/message/acme-1" "$hook_password" "$SERVER_PID" "$CELL_DIR" \
    >"$CELL_DIR/load.log" 2>&1 </dev/null &
  LOAD_PID=$!
  wait "$LOAD_PID" || { cat "$CELL_DIR/load.log"; fail "the load failed"; }
  LOAD_PID=''
  local load server_status=0
  load=$(cat "$CELL_DIR/load.log")
  step "$load"
  wait "$SERVER_PID" || server_status=$?
  [ "$server_status" = 137 ] || fail "the server ended with exit status $server_status, not 137 (SIGKILL)"
  SERVER_PID=''
  if pgrep -a -f -- "$CELL_DIR/"; then fail "processes of the cell outlived the server's JVM"; fi
  step "the JVM died of SIGKILL (exit status 137); no process of the cell remains"

  step "restart"
  start_deployed "$server"
  post_report 200 "$hook_password" interface-example.json
  stop_server

  step "comparing the keys gs_id|status acknowledged with message_report"
  local sample_key='7d047a97-c5b8-4f13-82cb-f68068d1a33a|read' acknowledged lost unknown
  query "SELECT gs_id, status FROM message_report" | LC_ALL=C sort >"$CELL_DIR/stored"
  LC_ALL=C sort -o "$CELL_DIR/acknowledged" "$CELL_DIR/acknowledged"
  LC_ALL=C sort -o "$CELL_DIR/unanswered" "$CELL_DIR/unanswered"
  acknowledged=$(wc -l <"$CELL_DIR/acknowledged")
  lost=$(LC_ALL=C comm -23 "$CELL_DIR/acknowledged" "$CELL_DIR/stored")
  [ -z "$lost" ] || fail "$(echo "$lost" | wc -l) of $acknowledged reports answered 200 are not in message_report:" \
    "$(echo "$lost" | head -n 5 | paste -sd ' ' -)"
  grep -qxF "$sample_key" "$CELL_DIR/stored" || fail "the report posted after the restart is not in message_report"
  unknown=$({ cat "$CELL_DIR/acknowledged" "$CELL_DIR/unanswered"; echo "$sample_key"; } | LC_ALL=C sort \
    | LC_ALL=C comm -13 - "$CELL_DIR/stored")
  [ -z "$unknown" ] || fail "message_report holds reports never sent: $(echo "$unknown" | head -n 5 | paste -sd ' ' -)"
  local figures='FAULT %s: %s; after the restart all %d acknowledged are in message_report (%d of the others too,'
  figures+=' %d rows in all), and it takes reports again\n'
  # shellcheck disable=SC2059 # the format is the variable above
  printf "$figures" "$server-$database-kill9" "$load" "$acknowledged" \
    "$(LC_ALL=C comm -12 "$CELL_DIR/unanswered" "$CELL_DIR/stored" | wc -l)" "$(wc -l <"$CELL_DIR/stored")" \
    | tee "$CELL_DIR/figures"
}

no_datasource_cell() {
  local server=$1 expected expected_status
  enter_cell "$server-no-datasource"
  REPORTS_ADMIN_PASSWORD=Adm-$(random_hex 6)-1
  export REPORTS_ADMIN_PASSWORD
  create_database h2   # the driver jar and the variables; the DataSource itself is what is left out
  "${server}_prepare"
  case "$server" in
    tomcat11)
      tomcat11_install
      step "leaving out the DataSource: removing conf/Catalina/localhost/social.xml"
      rm "$CATALINA_BASE/conf/Catalina/localhost/social.xml"
      # Tomcat binds an unmatched resource-ref to an empty DBCP pool: the receiver's startup cannot connect.
      expected="The database behind java:comp/env/jdbc/reports cannot be reached: Cannot create JDBC driver of class '' for connect URL 'null'"
      expected_status=404
      ;;
    jetty12)
      jetty12_install
      step "leaving out the DataSource: removing webapps/social.xml (Jetty deploys the bare social.war)"
      rm "$JETTY_BASE/webapps/social.xml"
      # Jetty refuses the unmatched resource-ref itself, before the receiver starts.
      expected='java.lang.IllegalStateException: Nothing to bind for name jdbc/reports'
      expected_status=503
      ;;
    wildfly37)
      step "leaving out the DataSource: install.sh without reports-datasource.cli"
      "$JBOSS_HOME/bin/add-user.sh" -a -s -u reports-admin -p "$REPORTS_ADMIN_PASSWORD" -g webhook-admin
      cp "$WAR" "$JBOSS_HOME/standalone/deployments/social.war"
      expected='Required services that are not installed:" => ["jboss.naming.context.java.jboss.datasources.ReportsDS"]'
      expected_status=404
      ;;
  esac
  "${server}_start"
  wait_for_startup "$server" 180
  # Tomcat writes a context's startup failure to logs/localhost.DATE.log, not to its console.
  local logs=("$SERVER_LOG")
  [ "$server" = tomcat11 ] && logs+=("$CATALINA_BASE"/logs/localhost.*.log)
  if ! grep -qF "$expected" "${logs[@]}"; then
    grep -h -n -m 5 'SEVERE\|ERROR\|WARN' "${logs[@]}" | cut -c1-400 || true
    fail "the log does not say: $expected"
  fi
  step "the log says: $expected"
  if [ "$server" = wildfly37 ]; then
    [ -f "$JBOSS_HOME/standalone/deployments/social.war.failed" ] || fail "no social.war.failed marker"
    step "deployments/social.war.failed: $(tr -d '\n' <"$JBOSS_HOME/standalone/deployments/social.war.failed" | cut -c1-200)"
  fi
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/admin/channels" || true)
  [ "$status" = "$expected_status" ] \
    || fail "GET /social/admin/channels answered $status, expected $expected_status for an undeployed /social"
  step "/social is not in service: GET /social/admin/channels -> $status"
}

run_cell() {
  case "$1" in
    docs-in-sync) bash "$CONTAINERS/sync-docs.sh" --check ;;
    *-no-datasource) no_datasource_cell "${1%-no-datasource}" ;;
    *-kill9) local installed=${1%-kill9} && crash_cell "${installed%-*}" "${installed##*-}" ;;
    *) scenario_cell "${1%-*}" "${1##*-}" ;;
  esac
}

# ---------------------------------------------------------------------------------------------------------------

selected() {
  local cell=$1 pattern
  for pattern in "${PATTERNS[@]}"; do
    # shellcheck disable=SC2053
    [[ $cell == $pattern ]] && return 0
  done
  return 1
}

CELLS=()
for cell in "${ALL_CELLS[@]}"; do selected "$cell" && CELLS+=("$cell"); done
[ ${#CELLS[@]} -gt 0 ] || { echo "no cell matches: ${PATTERNS[*]}" >&2; exit 2; }

echo "Server matrix: ${#CELLS[@]} cells, WAR $WAR, logs in $MATRIX_WORK"
[ -s "$WAR" ] || { echo "FAIL prepare: no WAR at $WAR (build it first: mvn -B package)"; echo "0 passed, 1 failed"; exit 1; }

# shellcheck disable=SC2053 # $1 is a pattern
needs() { local cell; for cell in "${CELLS[@]}"; do [[ $cell == $1 ]] && return 0; done; return 1; }
prepare() {
  set -e
  fetch "com.h2database:h2:$H2_VERSION" "h2-$H2_VERSION.jar"
  if needs '*-postgresql*'; then fetch "org.postgresql:postgresql:$POSTGRESQL_DRIVER_VERSION" "postgresql-$POSTGRESQL_DRIVER_VERSION.jar"; fi
  if needs '*-mariadb'; then fetch "org.mariadb.jdbc:mariadb-java-client:$MARIADB_DRIVER_VERSION" "mariadb-java-client-$MARIADB_DRIVER_VERSION.jar"; fi
  if needs 'tomcat11-*'; then
    fetch "org.apache.tomcat:tomcat:$TOMCAT_11_VERSION:tar.gz" "tomcat-$TOMCAT_11_VERSION.tar.gz"
    unpack "tomcat-$TOMCAT_11_VERSION.tar.gz" "apache-tomcat-$TOMCAT_11_VERSION"
  fi
  if needs 'tomcat10-*'; then
    fetch "org.apache.tomcat:tomcat:$TOMCAT_10_VERSION:tar.gz" "tomcat-$TOMCAT_10_VERSION.tar.gz"
    unpack "tomcat-$TOMCAT_10_VERSION.tar.gz" "apache-tomcat-$TOMCAT_10_VERSION"
  fi
  if needs 'jetty12-*'; then
    fetch "org.eclipse.jetty:jetty-home:$JETTY_VERSION:zip" "jetty-home-$JETTY_VERSION.zip"
    unpack "jetty-home-$JETTY_VERSION.zip" "jetty-home-$JETTY_VERSION"
    fetch "com.zaxxer:HikariCP:$HIKARICP_VERSION" "HikariCP-$HIKARICP_VERSION.jar"
  fi
  if needs 'wildfly37-*'; then
    fetch "org.wildfly:wildfly-dist:$WILDFLY_VERSION:zip" "wildfly-dist-$WILDFLY_VERSION.zip"
    unpack "wildfly-dist-$WILDFLY_VERSION.zip" "wildfly-$WILDFLY_VERSION"
  fi
}

started=$SECONDS
if ! (prepare) >"$MATRIX_WORK/prepare.log" 2>&1; then
  echo "FAIL prepare: downloading the servers and drivers failed"
  tail -n 20 "$MATRIX_WORK/prepare.log" | sed 's/^/    /'
  echo "0 passed, 1 failed"
  exit 1
fi
echo "prepared in $((SECONDS - started)) s (cache $MATRIX_CACHE)"

CELL_PID=
trap '[ -n "$CELL_PID" ] && kill -TERM "$CELL_PID" 2>/dev/null; wait; echo "interrupted"; exit 130' INT TERM

passed=0
failed=0
for cell in "${CELLS[@]}"; do
  mkdir -p "$MATRIX_WORK/$cell"
  log=$MATRIX_WORK/$cell/steps.log
  cell_started=$(date +%s.%N)
  (run_cell "$cell") >"$log" 2>&1 </dev/null &
  CELL_PID=$!
  wait "$CELL_PID"
  status=$?
  CELL_PID=
  seconds=$(awk -v a="$cell_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    printf 'PASS %-26s %6s s\n' "$cell" "$seconds"
    if [ -s "$MATRIX_WORK/$cell/figures" ]; then cat "$MATRIX_WORK/$cell/figures"; fi
  else
    failed=$((failed + 1))
    reason=$(grep -m 1 '^FAILED: ' "$log" | cut -c9-)
    printf 'FAIL %-26s %6s s  %s\n' "$cell" "$seconds" "${reason:-exit status $status}"
    tail -n 25 "$log" | sed 's/^/    | /'
    if [ -f "$MATRIX_WORK/$cell/server.log" ]; then
      echo "    server log: $MATRIX_WORK/$cell/server.log"
      grep -n -m 8 'SEVERE\|ERROR\|Exception' "$MATRIX_WORK/$cell/server.log" | cut -c1-300 | sed 's/^/    | /' || true
    fi
  fi
done

echo "matrix time: $((SECONDS - started)) s"
if [ "$failed" -eq 0 ] && [ "${MATRIX_KEEP:-}" != 1 ]; then
  rm -rf "$MATRIX_WORK"
else
  echo "logs kept in $MATRIX_WORK"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
