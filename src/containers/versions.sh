# The servers and JDBC drivers that src/containers/run-matrix.sh downloads from Maven Central and tests.
# Change a version here and the next run of the matrix tests it; the docs quote this file.
TOMCAT_11_VERSION=11.0.24            # org.apache.tomcat:tomcat:11.0.24:tar.gz
TOMCAT_10_VERSION=10.1.59            # org.apache.tomcat:tomcat:10.1.59:tar.gz
JETTY_VERSION=12.1.8                 # org.eclipse.jetty:jetty-home:12.1.8:zip
WILDFLY_VERSION=37.0.1.Final         # org.wildfly:wildfly-dist:37.0.1.Final:zip
HIKARICP_VERSION=7.1.0               # com.zaxxer:HikariCP:7.1.0, Jetty's connection pool
POSTGRESQL_DRIVER_VERSION=42.7.8     # org.postgresql:postgresql:42.7.8
MARIADB_DRIVER_VERSION=3.5.6         # org.mariadb.jdbc:mariadb-java-client:3.5.6
H2_VERSION=2.3.232                   # com.h2database:h2:2.3.232
