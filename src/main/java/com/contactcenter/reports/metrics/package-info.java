/** Prometheus metrics of the receiver, in a registry of its own, exported at {@code /metrics}. */
package com.contactcenter.reports.metrics;
