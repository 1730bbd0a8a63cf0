package com.contactcenter.reports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.contactcenter.reports.failure.StorageUnavailableException;
import com.contactcenter.reports.report.ReportDao;
import com.contactcenter.reports.report.ReportWriter;
import com.contactcenter.reports.report.StatusReport;
import com.contactcenter.reports.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The readiness rule on a real H2 database and a real writer, with a clock the test moves. */
class ReadinessCheckTest {
    private TestDatabase database;
    private ReportWriter writer;
    private final AtomicLong nanos = new AtomicLong();
    private ReadinessCheck readiness;

    @BeforeEach
    void start() {
        database = TestDatabase.h2().migrated();
        writer = new ReportWriter(new ReportDao(database.dataSource(), database.dialect(), Clock.systemUTC()), 100,
                10, Duration.ofSeconds(5));
        readiness = new ReadinessCheck(database.dataSource(), writer, nanos::get);
    }

    @AfterEach
    void stop() {
        writer.close();
        database.close();
    }

    private static StatusReport report(String status) {
        return new StatusReport("gupshup", "1", "gs-1", null, "919876543210", status, null,
                Instant.parse("2026-11-25T10:00:00Z"), null, null, null);
    }

    @Test
    void readyWhenTheDatabaseAnswersAndTheWriterKeepsUp() {
        assertEquals(new ReadinessCheck.Readiness(true, true), readiness.check());
    }

    @Test
    void databaseThatDoesNotAnswerIsNotReady() {
        database.execute("SHUTDOWN");
        assertEquals(new ReadinessCheck.Readiness(false, true), readiness.check());
    }

    @Test
    void databaseAnswerIsReusedForOneSecond() {
        readiness.check();
        database.execute("SHUTDOWN");
        nanos.addAndGet(ReadinessCheck.ANSWER_REUSED_NANOS - 1);
        assertEquals(true, readiness.check().databaseAnswers());
        nanos.addAndGet(1);
        assertEquals(false, readiness.check().databaseAnswers());
    }

    @Test
    void writerWhoseLastCommitFailedIsNotReady() {
        // The database still answers queries, but refuses this insert.
        database.execute("ALTER TABLE message_report ADD CONSTRAINT no_read CHECK (status <> 'read')");
        assertThrows(StorageUnavailableException.class, () -> writer.record(report("read")));
        assertEquals(new ReadinessCheck.Readiness(true, false), readiness.check());
    }

    @Test
    void writerIsReadyAgainOnceACommitSucceeds() {
        database.execute("ALTER TABLE message_report ADD CONSTRAINT no_read CHECK (status <> 'read')");
        assertThrows(StorageUnavailableException.class, () -> writer.record(report("read")));
        writer.record(report("delivered"));
        assertEquals(new ReadinessCheck.Readiness(true, true), readiness.check());
    }

    @Test
    void closedWriterIsNotReady() {
        writer.close();
        assertEquals(new ReadinessCheck.Readiness(true, false), readiness.check());
    }
}
