/** Retention: the scheduled deletion, in small batches, of reports older than {@code reports.retention-days}. */
package com.contactcenter.reports.retention;
