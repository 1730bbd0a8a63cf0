/**
 * Fault tests ({@code mvn verify -P faults}): crashes, database outages and concurrent instances under load; and
 * {@code KillUnderLoad}, the load of the container matrix's crash of Tomcat on PostgreSQL.
 */
package com.contactcenter.reports.faults;
