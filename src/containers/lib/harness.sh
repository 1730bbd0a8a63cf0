# shellcheck shell=bash
# Helpers of run-matrix.sh: logging, downloads, ports, HTTP and the test databases. Sourced, not run.
# A cell runs in its own subshell with `set -eu`; `fail` ends the cell with a reason that the matrix prints.

step() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

fail() {
  printf 'FAILED: %s\n' "$*"
  exit 1
}

random_hex() { od -An -N"${1:-4}" -tx1 /dev/urandom | tr -d ' \n'; }

# ---------------------------------------------------------------------------------------------------------------
# Downloads from Maven Central, through Maven and its local repository, kept in $MATRIX_CACHE.

# fetch GROUP:ARTIFACT:VERSION[:TYPE] FILE: copies the artifact to $MATRIX_CACHE/downloads/FILE unless it is there.
fetch() {
  local coordinates=$1 file=$2
  mkdir -p "$MATRIX_CACHE/downloads"
  if [ ! -s "$MATRIX_CACHE/downloads/$file" ]; then
    step "downloading $coordinates"
    (cd "$MATRIX_CACHE/downloads" && mvn -q -B -ntp \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$coordinates" -DoutputDirectory="$MATRIX_CACHE/downloads") || return 1
    [ -s "$MATRIX_CACHE/downloads/$file" ] || { echo "Maven did not produce $file" >&2; return 1; }
  fi
}

# unpack ARCHIVE TOP: unpacks a server distribution once into $MATRIX_CACHE/servers/TOP (its top folder).
unpack() {
  local archive=$MATRIX_CACHE/downloads/$1 top=$2 scratch
  [ -d "$MATRIX_CACHE/servers/$top" ] && return 0
  step "unpacking $1"
  mkdir -p "$MATRIX_CACHE/servers"
  scratch=$(mktemp -d "$MATRIX_CACHE/servers/.unpack.XXXXXX")
  case "$archive" in
    *.tar.gz) tar -xzf "$archive" -C "$scratch" ;;
    *.zip) unzip -q "$archive" -d "$scratch" ;;
  esac
  [ -d "$scratch/$top" ] || { echo "$1 has no folder $top" >&2; rm -rf "$scratch"; return 1; }
  mv "$scratch/$top" "$MATRIX_CACHE/servers/$top"
  rm -rf "$scratch"
}

# ---------------------------------------------------------------------------------------------------------------
# Ports: free ones on 127.0.0.1, never the same twice in a run.

TAKEN_PORTS=" "
# free_port VARIABLE: sets VARIABLE to a port that nothing listens on (in this shell, so that TAKEN_PORTS holds),
# taken below the kernel's range of ephemeral ports, which outgoing connections may hold at any moment.
free_port() {
  local port _ lowest=10000 ephemeral
  read -r ephemeral _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || ephemeral=32768
  [ "$ephemeral" -gt $((lowest + 1000)) ] || { lowest=50000 ephemeral=65000; }
  for _ in $(seq 1 100); do
    port=$((lowest + RANDOM % (ephemeral - lowest)))
    case "$TAKEN_PORTS" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      TAKEN_PORTS="$TAKEN_PORTS$port "
      printf -v "$1" '%s' "$port"
      return 0
    fi
  done
  fail "no free port found on 127.0.0.1"
}

# ---------------------------------------------------------------------------------------------------------------
# HTTP, with curl, against $BASE (http://127.0.0.1:PORT/social).

# http EXPECTED METHOD PATH [CURL_ARGS...]: sends the request, keeps the body in $BODY, fails on another status.
http() {
  local expected=$1 method=$2 path=$3 status
  shift 3
  status=$(curl -sS -o "$CELL_DIR/response" -D "$CELL_DIR/response-headers" -w '%{http_code}' --max-time 30 \
    -X "$method" "$@" "$BASE$path") || fail "$method $path: no answer from the server"
  BODY=$(cat "$CELL_DIR/response")
  HEADERS=$(tr -d '\r' < "$CELL_DIR/response-headers")
  step "$method $path${NOTE:+ ($NOTE)} -> $status ${BODY:0:160}"
  [ "$status" = "$expected" ] || fail "$method $path answered $status, expected $expected: $BODY"
}

# expect_no_store: the last answer (http) told every cache not to keep it, as the admin API's answers must.
expect_no_store() {
  grep -qi '^cache-control:.*no-store' <<< "$HEADERS" || fail "the answer lacks Cache-Control: no-store: $HEADERS"
}

# post_report EXPECTED AUTHORIZATION|- SAMPLE: a Gupshup callback to the channel acme-1; - sends no Authorization.
post_report() {
  local expected=$1 authorization=$2 sample=$3
  local args=(-H 'Content-Type: application/json' --data-binary "@$SAMPLES/$sample")
  [ "$authorization" = - ] || args+=(-H "Authorization: $authorization")
  NOTE="$sample, Authorization: ${authorization:0:4}..." http "$expected" POST /on/whatsapp/gupshup/message/acme-1 \
    "${args[@]}"
  if [ "$expected" = 200 ] && [ -n "$BODY" ]; then
    fail "POST of $sample answered 200 with a body; the interface wants an empty one: $BODY"
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# Test databases: one new database and user per cell on the PostgreSQL or MariaDB server that the environment
# names (REPORTS_TEST_POSTGRESQL_URL/_USER/_PASSWORD, REPORTS_TEST_MARIADB_URL/_USER/_PASSWORD: the same variables
# as the DAO tests), dropped again when the cell ends; or a new H2 file database in the cell's folder.
# A server that cannot be reached fails the cell: it is never skipped.

# jdbc_host_port URL: prints "HOST PORT" of jdbc:KIND://HOST:PORT/DATABASE
jdbc_host_port() {
  local rest=${1#jdbc:*://}
  rest=${rest%%/*}
  echo "${rest%:*} ${rest##*:}"
}

pg_admin() {
  local host port
  read -r host port <<<"$(jdbc_host_port "$PG_ADMIN_URL")"
  PGPASSWORD=$PG_ADMIN_PASSWORD PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" \
    -U "$PG_ADMIN_USER" -At -F '|' "$@"
}

mariadb_admin() {
  local host port
  read -r host port <<<"$(jdbc_host_port "$MARIADB_ADMIN_URL")"
  MYSQL_PWD=$MARIADB_ADMIN_PASSWORD mariadb --protocol=tcp --connect-timeout=10 -h "$host" -P "$port" \
    -u "$MARIADB_ADMIN_USER" --batch --skip-column-names "$@"
}

# create_database KIND: creates the cell's database and user; exports what the server reads (REPORTS_DB_*).
create_database() {
  DB_KIND=$1
  DB_NAME=reports_m_$(random_hex 4)
  DB_PASSWORD=Pw-$(random_hex 8)
  local host port
  case "$DB_KIND" in
    postgresql)
      read -r host port <<<"$(jdbc_host_port "$PG_ADMIN_URL")"
      step "creating PostgreSQL database and user $DB_NAME on $host:$port"
      pg_admin -d "$(admin_database "$PG_ADMIN_URL")" \
        -c "CREATE ROLE $DB_NAME LOGIN PASSWORD '$DB_PASSWORD'" \
        -c "CREATE DATABASE $DB_NAME OWNER $DB_NAME" \
        || fail "PostgreSQL at $PG_ADMIN_URL (REPORTS_TEST_POSTGRESQL_URL) was asked for but cannot be used"
      DB_CREATED=yes
      export REPORTS_DB_DRIVER=org.postgresql.Driver
      export REPORTS_DB_URL="jdbc:postgresql://$host:$port/$DB_NAME?reWriteBatchedInserts=true"
      DRIVER_JAR=$MATRIX_CACHE/downloads/postgresql-$POSTGRESQL_DRIVER_VERSION.jar
      ;;
    mariadb)
      read -r host port <<<"$(jdbc_host_port "$MARIADB_ADMIN_URL")"
      step "creating MariaDB database and user $DB_NAME on $host:$port"
      mariadb_admin -e "CREATE DATABASE $DB_NAME; CREATE USER '$DB_NAME'@'%' IDENTIFIED BY '$DB_PASSWORD';
                        GRANT ALL PRIVILEGES ON $DB_NAME.* TO '$DB_NAME'@'%'" \
        || fail "MariaDB at $MARIADB_ADMIN_URL (REPORTS_TEST_MARIADB_URL) was asked for but cannot be used"
      DB_CREATED=yes
      export REPORTS_DB_DRIVER=org.mariadb.jdbc.Driver
      export REPORTS_DB_URL=jdbc:mariadb://$host:$port/$DB_NAME
      DRIVER_JAR=$MATRIX_CACHE/downloads/mariadb-java-client-$MARIADB_DRIVER_VERSION.jar
      ;;
    h2)
      mkdir -p "$CELL_DIR/h2"
      step "H2 file database $CELL_DIR/h2/reports"
      export REPORTS_DB_DRIVER=org.h2.Driver
      export REPORTS_DB_URL="jdbc:h2:file:$CELL_DIR/h2/reports;WRITE_DELAY=0"
      DRIVER_JAR=$MATRIX_CACHE/downloads/h2-$H2_VERSION.jar
      ;;
    *) fail "unknown database $DB_KIND" ;;
  esac
  export REPORTS_DB_USER=$DB_NAME
  export REPORTS_DB_PASSWORD=$DB_PASSWORD
}

admin_database() { local rest=${1#jdbc:*://}; rest=${rest#*/}; echo "${rest%%\?*}"; }

drop_database() {
  [ "${DB_CREATED:-}" = yes ] || return 0
  DB_CREATED=
  step "dropping $DB_KIND database and user $DB_NAME"
  case "$DB_KIND" in
    postgresql)
      pg_admin -d "$(admin_database "$PG_ADMIN_URL")" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" \
        -c "DROP ROLE IF EXISTS $DB_NAME" ;;
    mariadb)
      mariadb_admin -e "DROP DATABASE IF EXISTS $DB_NAME; DROP USER IF EXISTS '$DB_NAME'@'%'" ;;
  esac
}

# query SQL: the rows of a query on the cell's database, one a line, columns separated by |.
query() {
  case "$DB_KIND" in
    postgresql) pg_admin -d "$DB_NAME" -c "$1" ;;
    mariadb) mariadb_admin -e "$1" "$DB_NAME" | tr '\t' '|' ;;
    h2)
      # org.h2.tools.Shell prints a header line, padded columns and a "(N rows, M ms)" line.
      java -XX:TieredStopAtLevel=1 -cp "$DRIVER_JAR" org.h2.tools.Shell -url "$REPORTS_DB_URL" -user "$REPORTS_DB_USER" \
        -password "$REPORTS_DB_PASSWORD" -sql "$1" | sed -e '1d' -e '/^(/d' -e 's/ *| */|/g' -e 's/ *$//' ;;
  esac
}

# expect_rows DESCRIPTION SQL EXPECTED: fails unless the query gives exactly the expected lines.
expect_rows() {
  local description=$1 sql=$2 expected=$3 actual
  actual=$(query "$sql") || fail "$description: the query failed: $sql"
  if [ "$actual" != "$expected" ]; then
    printf 'query: %s\nexpected:\n%s\nactual:\n%s\n' "$sql" "$expected" "$actual"
    fail "$description: the database holds other rows than expected"
  fi
  step "SQL ok: $description"
}
