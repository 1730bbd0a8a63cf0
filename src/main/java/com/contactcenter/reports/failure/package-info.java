/** The receiver's few exceptions and the one place that turns each into an HTTP status and a short JSON reason. */
package com.contactcenter.reports.failure;
