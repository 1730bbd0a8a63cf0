/** Fault tests ({@code mvn verify -P faults}): crashes, database outages and concurrent instances under load. */
package com.contactcenter.reports.faults;
