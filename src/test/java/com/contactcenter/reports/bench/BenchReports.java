package com.contactcenter.reports.bench;

import com.contactcenter.reports.report.StatusReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Report rows shaped like the ones the load generator sends: a fresh gsId per message, sent/delivered/read. */
final class BenchReports {
    private static final String[] STATUSES = {"sent", "delivered", "read"};

    private BenchReports() {
    }

    static List<StatusReport> next(int count, long[] sequence) {
        List<StatusReport> reports = new ArrayList<>(count);
        String gsId = null;
        for (int i = 0; i < count; i++) {
            long n = sequence[0]++;
            if (gsId == null || n % 3 == 0) {
                gsId = UUID.randomUUID().toString();
            }
            String status = STATUSES[(int) (n % 3)];
            Instant now = Instant.now();
            String raw = "{\"app\":\"BenchApp\",\"timestamp\":" + now.toEpochMilli() + ",\"version\":2,"
                    + "\"type\":\"message-event\",\"payload\":{\"id\":\"" + gsId + "\",\"gsId\":\"" + gsId
                    + "\",\"type\":\"" + status + "\",\"destination\":\"918x98xx21x4\",\"payload\":{\"ts\":"
                    + now.getEpochSecond() + "}}}";
            reports.add(new StatusReport("gupshup", "bench-ceiling", gsId, gsId, "918x98xx21x4", status, now, now,
                    null, null, raw));
        }
        return reports;
    }
}
