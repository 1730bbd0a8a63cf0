/** Liveness and readiness for orchestrators and load balancers: small JSON answers, no authentication. */
package com.contactcenter.reports.health;
