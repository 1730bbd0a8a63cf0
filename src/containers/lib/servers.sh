# shellcheck shell=bash
# The servers of run-matrix.sh. Sourced, not run. For each server S:
#   S_prepare     a fresh server in $CELL_DIR, as an operator has it before installing (free ports on 127.0.0.1)
#   S_install     the operator's recipe: src/containers/<server>/install.sh, run as it is
#   S_start       starts it in the background (SERVER_PID), its output in $SERVER_LOG
#   S_started     true once the server says its startup is over (deployments done, failed or not)
# plus stop_server, common to all. The recipes' files are never changed here; only the harness's own plumbing
# (ports, where the server lives) is.

# ----------------------------------------------------------------- Apache Tomcat 11 / 10.1: CATALINA_BASE per cell

tomcat_prepare() {
  local home=$1
  export CATALINA_HOME=$home CATALINA_BASE=$CELL_DIR/tomcat
  mkdir -p "$CATALINA_BASE"/{bin,conf,lib,logs,temp,webapps,work}
  cp "$CATALINA_HOME"/conf/* "$CATALINA_BASE/conf/"
  # The distribution's server.xml, without the shutdown port, on 127.0.0.1 and a port chosen at the start.
  # shellcheck disable=SC2016 # ${matrix.http.port} is for Tomcat to replace
  local connector='<Connector port="${matrix.http.port}" address="127.0.0.1"'
  sed -i -e "0,/<Connector port=\"8080\"/s//$connector/" \
    -e 's/<Server port="8005"/<Server port="-1"/' "$CATALINA_BASE/conf/server.xml"
  grep -qF "$connector" "$CATALINA_BASE/conf/server.xml" \
    || fail "could not set the HTTP port in $CATALINA_BASE/conf/server.xml"
  SERVER_LOG=$CELL_DIR/server.log
}

tomcat_install() {
  step "install: CATALINA_BASE=$CATALINA_BASE sh src/containers/tomcat/install.sh $*"
  sh "$CONTAINERS/tomcat/install.sh" "$@"
}

tomcat_start() {
  free_port HTTP_PORT
  BASE=http://127.0.0.1:$HTTP_PORT/social
  step "start: catalina.sh run (Tomcat on 127.0.0.1:$HTTP_PORT)"
  # `catalina.sh run` execs java: $! is the server's JVM.
  CATALINA_OPTS="${CATALINA_OPTS:-} -Dmatrix.http.port=$HTTP_PORT" \
    "$CATALINA_HOME/bin/catalina.sh" run >"$SERVER_LOG" 2>&1 </dev/null &
  SERVER_PID=$!
}

tomcat_started() { grep -q 'Server startup in' "$SERVER_LOG"; }

tomcat11_prepare() { tomcat_prepare "$MATRIX_CACHE/servers/apache-tomcat-$TOMCAT_11_VERSION"; }
tomcat10_prepare() { tomcat_prepare "$MATRIX_CACHE/servers/apache-tomcat-$TOMCAT_10_VERSION"; }
tomcat11_install() { tomcat_install "$WAR" "$DRIVER_JAR"; }
tomcat10_install() { tomcat_install "$WAR" "$DRIVER_JAR"; }
tomcat11_start() { tomcat_start; }
tomcat10_start() { tomcat_start; }
tomcat11_started() { tomcat_started; }
tomcat10_started() { tomcat_started; }

# ----------------------------------------------------------------- Eclipse Jetty 12: JETTY_BASE per cell

jetty12_prepare() {
  export JETTY_HOME=$MATRIX_CACHE/servers/jetty-home-$JETTY_VERSION JETTY_BASE=$CELL_DIR/jetty-base
  # work/: Jetty unpacks the WAR there rather than in /tmp.
  mkdir -p "$JETTY_BASE/work"
  SERVER_LOG=$CELL_DIR/server.log
}

jetty12_install() {
  step "install: JETTY_BASE=$JETTY_BASE sh src/containers/jetty/install.sh social.war HikariCP.jar driver.jar"
  sh "$CONTAINERS/jetty/install.sh" "$WAR" "$MATRIX_CACHE/downloads/HikariCP-$HIKARICP_VERSION.jar" "$DRIVER_JAR"
}

jetty12_start() {
  free_port HTTP_PORT
  BASE=http://127.0.0.1:$HTTP_PORT/social
  step "start: java -jar start.jar (Jetty on 127.0.0.1:$HTTP_PORT)"
  (cd "$JETTY_BASE" && exec java -jar "$JETTY_HOME/start.jar" jetty.http.host=127.0.0.1 \
    "jetty.http.port=$HTTP_PORT") >"$SERVER_LOG" 2>&1 </dev/null &
  SERVER_PID=$!
}

jetty12_started() { grep -q 'Started oejs.Server' "$SERVER_LOG"; }

# ----------------------------------------------------------------- WildFly 37: a copy of the server per cell

wildfly37_prepare() {
  export JBOSS_HOME=$CELL_DIR/wildfly
  cp -a "$MATRIX_CACHE/servers/wildfly-$WILDFLY_VERSION" "$JBOSS_HOME"
  SERVER_LOG=$CELL_DIR/server.log
}

wildfly37_install() {
  step "install: JBOSS_HOME=$JBOSS_HOME sh src/containers/wildfly/install.sh social.war driver.jar"
  sh "$CONTAINERS/wildfly/install.sh" "$WAR" "$DRIVER_JAR"
}

wildfly37_start() {
  free_port HTTP_PORT
  free_port HTTPS_PORT
  free_port MANAGEMENT_PORT
  free_port MANAGEMENT_HTTPS_PORT
  BASE=http://127.0.0.1:$HTTP_PORT/social
  step "start: standalone.sh (WildFly on 127.0.0.1:$HTTP_PORT, management on 127.0.0.1:$MANAGEMENT_PORT)"
  # LAUNCH_JBOSS_IN_BACKGROUND: standalone.sh passes a TERM on to the JVM, whose pid it writes to JBOSS_PIDFILE.
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=$CELL_DIR/wildfly.pid \
    "$JBOSS_HOME/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 \
    "-Djboss.http.port=$HTTP_PORT" "-Djboss.https.port=$HTTPS_PORT" \
    "-Djboss.management.http.port=$MANAGEMENT_PORT" "-Djboss.management.https.port=$MANAGEMENT_HTTPS_PORT" \
    >"$SERVER_LOG" 2>&1 </dev/null &
  SERVER_PID=$!
}

wildfly37_started() { grep -q 'WFLYSRV0025\|WFLYSRV0026' "$SERVER_LOG"; }

# ----------------------------------------------------------------- all servers

# stop_server: TERM, then up to 60 s for a clean stop (which also closes an H2 database), then KILL. SERVER_PID is
# cleared only once the server is gone, so that the cell's EXIT trap tries again if anything here fails.
stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  local pid=$SERVER_PID jvm=''
  # WildFly's JVM is a child of standalone.sh: from its pid file, or (early in the start) from the process table.
  if [ -s "$CELL_DIR/wildfly.pid" ]; then
    jvm=$(cat "$CELL_DIR/wildfly.pid")
  else
    jvm=$(ps -o pid= --ppid "$pid" 2>/dev/null | tr -d ' ' | head -n 1 || true)
  fi
  step "stopping the server (pid $pid${jvm:+, JVM $jvm})"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null && { [ -z "$jvm" ] || ! kill -0 "$jvm" 2>/dev/null; }; then
      wait "$pid" 2>/dev/null || true
      SERVER_PID=''
      return 0
    fi
    sleep 0.5
  done
  step "the server did not stop within 60 s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
  if [ -n "$jvm" ]; then kill -KILL "$jvm" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
  SERVER_PID=''
}

# wait_for_deployment: until the admin API asks for a password (401), i.e. /social is deployed and secured.
wait_for_deployment() {
  local server=$1 limit=$2 status started_at=$SECONDS
  while [ $((SECONDS - started_at)) -lt "$limit" ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server stopped during startup (see $SERVER_LOG)"
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/admin/channels" || true)
    [ "$status" = 401 ] && { step "deployed: GET /social/admin/channels -> 401"; return 0; }
    if "${server}_started"; then
      # The server is up but /social does not answer as deployed: one last look, then the log's reason.
      sleep 1
      status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/admin/channels" || true)
      [ "$status" = 401 ] && { step "deployed: GET /social/admin/channels -> 401"; return 0; }
      grep -n -m 5 'SEVERE\|ERROR\|WARN.*social\|Exception' "$SERVER_LOG" | cut -c1-400 || true
      fail "the server started but /social is not deployed (GET /social/admin/channels -> $status)"
    fi
    sleep 0.5
  done
  fail "/social was not deployed within $limit s"
}

# wait_for_startup: until the server says its startup is over.
wait_for_startup() {
  local server=$1 limit=$2 started_at=$SECONDS
  while [ $((SECONDS - started_at)) -lt "$limit" ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server stopped during startup (see $SERVER_LOG)"
    "${server}_started" && return 0
    sleep 0.5
  done
  fail "the server did not finish starting within $limit s"
}
