#!/bin/sh
# Installs social.war into a WildFly 37 server ($JBOSS_HOME, standalone mode): the steps of docs/deploy-wildfly.md,
# run as they are by src/containers/run-matrix.sh. The server must be stopped.
#   usage: JBOSS_HOME=/opt/wildfly REPORTS_ADMIN_PASSWORD=... sh install.sh social.war postgresql-42.7.8.jar
set -eu
here=$(cd "$(dirname "$0")" && pwd)
war=$1
driver=$2
: "${JBOSS_HOME:?is not set: the WildFly server to install into}"
: "${REPORTS_ADMIN_PASSWORD:?is not set: the password of reports-admin, the user of the admin API}"

# 1. The user of the admin API, in the application realm, with the role (group) webhook-admin.
"$JBOSS_HOME/bin/add-user.sh" -a -s -u reports-admin -p "$REPORTS_ADMIN_PASSWORD" -g webhook-admin

# 2. The JDBC driver as a module, and the DataSource java:jboss/datasources/ReportsDS.
REPORTS_JDBC_DRIVER_JAR=$driver "$JBOSS_HOME/bin/jboss-cli.sh" --file="$here/reports-datasource.cli"

# 3. The WAR: the deployment scanner deploys it at /social when the server starts.
cp "$war" "$JBOSS_HOME/standalone/deployments/social.war"
