# $CATALINA_BASE/bin/setenv.sh: catalina.sh reads it at every start and stop.
# Lets Tomcat's configuration files take ${NAME} from the environment variable NAME (conf/Catalina/localhost/social.xml
# and conf/tomcat-users.xml use REPORTS_DB_DRIVER, REPORTS_DB_URL, REPORTS_DB_USER, REPORTS_DB_PASSWORD and
# REPORTS_ADMIN_PASSWORD), and refuses to start without them: Tomcat would keep the text ${NAME} as the value.
CATALINA_OPTS="$CATALINA_OPTS -Dorg.apache.tomcat.util.digester.PROPERTY_SOURCE=org.apache.tomcat.util.digester.EnvironmentPropertySource"
case "${1:-}" in
  run|start|debug|configtest)
    : "${REPORTS_DB_DRIVER:?is not set: the JDBC driver class of the reports database}"
    : "${REPORTS_DB_URL:?is not set: the JDBC URL of the reports database}"
    : "${REPORTS_DB_USER:?is not set: the user of the reports database}"
    : "${REPORTS_DB_PASSWORD?is not set: the password of the reports database (may be empty)}"
    : "${REPORTS_ADMIN_PASSWORD:?is not set: the password of reports-admin, the user of the admin API}"
    ;;
esac
