#!/bin/sh
# Installs social.war into a Jetty 12 base ($JETTY_BASE, run by the distribution in $JETTY_HOME): the steps of
# docs/deploy-jetty.md, run as they are by src/containers/run-matrix.sh.
#   usage: JETTY_HOME=/opt/jetty-home-12.1.8 JETTY_BASE=/srv/jetty sh install.sh social.war HikariCP-7.1.0.jar postgresql-42.7.8.jar
set -eu
here=$(cd "$(dirname "$0")" && pwd)
war=$1
pool=$2
driver=$3
: "${JETTY_HOME:?is not set: the Jetty distribution (jetty-home)}"
: "${JETTY_BASE:?is not set: the Jetty base to install into}"

# 1. The modules the receiver needs: HTTP, ee10 deployment, JNDI (ee10-plus), annotations, and lib/ext.
cd "$JETTY_BASE"
java -jar "$JETTY_HOME/start.jar" --add-modules=http,ee10-deploy,ee10-plus,ee10-annotations,ext

# 2. The connection pool and the JDBC driver belong to the server, not to the WAR.
cp "$pool" "$driver" "$JETTY_BASE/lib/ext/"

# 3. The context XML (DataSource jdbc/reports, login service) and the WAR it deploys.
cp "$here/social.xml" "$JETTY_BASE/webapps/social.xml"
cp "$war" "$JETTY_BASE/webapps/social.war"
