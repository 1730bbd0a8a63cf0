#!/bin/sh
# Installs social.war into a Tomcat 11 or 10.1 instance ($CATALINA_BASE): the steps of docs/deploy-tomcat.md,
# run as they are by src/containers/run-matrix.sh.
#   usage: CATALINA_BASE=/srv/tomcat sh install.sh social.war postgresql-42.7.8.jar
set -eu
here=$(cd "$(dirname "$0")" && pwd)
war=$1
driver=$2
: "${CATALINA_BASE:?is not set: the Tomcat instance to install into}"

# 1. The JDBC driver belongs to the server, not to the WAR.
mkdir -p "$CATALINA_BASE/lib"
cp "$driver" "$CATALINA_BASE/lib/"

# 2. The DataSource jdbc/reports, in the context file of /social.
mkdir -p "$CATALINA_BASE/conf/Catalina/localhost"
cp "$here/social.xml" "$CATALINA_BASE/conf/Catalina/localhost/social.xml"

# 3. Tomcat takes ${REPORTS_...} in its configuration files from the environment.
mkdir -p "$CATALINA_BASE/bin"
cp "$here/setenv.sh" "$CATALINA_BASE/bin/setenv.sh"

# 4. The role webhook-admin and its user, added once to tomcat-users.xml just before </tomcat-users>.
users="$CATALINA_BASE/conf/tomcat-users.xml"
if ! grep -q 'rolename="webhook-admin"' "$users"; then
  awk -v fragment="$here/tomcat-users.xml" '
    /<\/tomcat-users>/ { while ((getline line < fragment) > 0) print line }
    { print }' "$users" > "$users.new"
  mv "$users.new" "$users"
fi

# 5. The WAR: Tomcat deploys it at /social, with the context file of step 2.
cp "$war" "$CATALINA_BASE/webapps/social.war"
