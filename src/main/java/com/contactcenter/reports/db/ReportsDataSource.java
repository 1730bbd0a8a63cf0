package com.contactcenter.reports.db;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Finds the DataSource that the container binds for the receiver's {@code <resource-ref>} in web.xml. */
public final class ReportsDataSource {
    public static final String JNDI_NAME = "java:comp/env/jdbc/reports";

    private ReportsDataSource() {
    }

    /** Looks the DataSource up once, at startup; the deployment fails with the JNDI name when it is missing. */
    public static DataSource lookup() {
        Object bound;
        try {
            bound = new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException missing) {
            throw new IllegalStateException("No DataSource is bound at " + JNDI_NAME
                    + ": define the container's resource jdbc/reports (see README.md, Deployment)", missing);
        }
        if (!(bound instanceof DataSource)) {
            throw new IllegalStateException(JNDI_NAME + " is bound to " + (bound == null ? "null" : bound.getClass())
                    + ", not to a javax.sql.DataSource");
        }
        return (DataSource) bound;
    }
}
