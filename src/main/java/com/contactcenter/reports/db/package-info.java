/** Access to the container's DataSource: its JNDI lookup, the database dialect and the schema migration. */
package com.contactcenter.reports.db;
