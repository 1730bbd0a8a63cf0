/** Message-status reports as immutable values, and the DAO that records them in {@code message_report}. */
package com.contactcenter.reports.report;
