/** The load benchmark's own parts (src/bench/run-benchmark.sh): the two ceilings and the table prefill. */
package com.contactcenter.reports.bench;
