package com.contactcenter.reports.report;

import static com.contactcenter.reports.testing.Samples.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.failure.StorageUnavailableException;
import com.contactcenter.reports.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportWriterTest {
    private TestDatabase database;
    private final List<ReportWriter> writers = new ArrayList<>();

    /** A clock that moves one millisecond per reading: each batch's received_at is then its own. */
    private static final class TickingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-25T10:00:00Z").toEpochMilli());

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.h2().migrated();
    }

    @AfterEach
    void dropDatabase() {
        writers.forEach(ReportWriter::close);
        database.close();
    }

    private ReportWriter writer(int queueCapacity, int batchSize, Duration waitBound) {
        ReportWriter writer = new ReportWriter(new ReportDao(database.dataSource(), database.dialect(),
                new TickingClock()), queueCapacity, batchSize, waitBound);
        writers.add(writer);
        return writer;
    }

    @Test
    void reportIsCommittedWhenRecordReturns() {
        assertEquals(RecordOutcome.STORED,
                writer(10, 10, Duration.ofSeconds(5)).record(report("gs-1", "read")));
        assertEquals(1, database.count("SELECT COUNT(*) FROM message_report"));
    }

    @Test
    void concurrentReportsShareCommits() throws Exception {
        ReportWriter writer = writer(1000, 500, Duration.ofSeconds(5));
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Callable<RecordOutcome>> reports = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String gsId = "gs-" + i;
                reports.add(() -> writer.record(report(gsId, "sent")));
            }
            for (Future<RecordOutcome> outcome : clients.invokeAll(reports)) {
                assertEquals(RecordOutcome.STORED, outcome.get());
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(400, database.count("SELECT COUNT(*) FROM message_report"));
        long commits = database.count("SELECT COUNT(DISTINCT received_at) FROM message_report");
        assertTrue(commits <= 200, commits + " commits for 400 reports");
    }

    @Test
    void fullQueueRefusesAtOnceAndSlowCommitRefusesAfterTheWaitBound() throws Exception {
        ReportWriter writer = writer(1, 1, Duration.ofMillis(500));
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (Connection blocker = database.dataSource().getConnection()) {
            blockKey(blocker, report("gs-blocked", "read"));
            Future<RecordOutcome> blocked = clients.submit(() -> writer.record(report("gs-blocked",
                    "read")));
            awaitEmptyQueue(writer);
            Future<RecordOutcome> queued = clients.submit(() -> writer.record(report("gs-2", "read")));
            awaitQueueDepth(writer, 1);

            long start = System.nanoTime();
            StorageUnavailableException busy = assertThrows(StorageUnavailableException.class,
                    () -> writer.record(report("gs-3", "read")));
            assertEquals("the receiver is busy; retry later", busy.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofMillis(100).toNanos(), "refused at once");

            Exception late = assertThrows(Exception.class, blocked::get);
            assertEquals("the report was not committed in time; retry later", late.getCause().getMessage());
            blocker.rollback();
            assertEquals(RecordOutcome.STORED, queued.get());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void submittedReportCompletesOnlyOnceItsBatchHasCommitted() throws Exception {
        ReportWriter writer = writer(10, 10, Duration.ofSeconds(5));
        try (Connection blocker = database.dataSource().getConnection()) {
            CompletableFuture<RecordOutcome> outcome = submitBehindLock(writer, blocker);
            awaitEmptyQueue(writer);
            assertFalse(outcome.isDone(), "answered while its insert still waits for the lock");
            blocker.rollback();
            assertEquals(RecordOutcome.STORED, outcome.get(5, TimeUnit.SECONDS));
        }
        assertEquals(1, database.count("SELECT COUNT(*) FROM message_report WHERE gs_id = 'gs-held'"));
    }

    @Test
    void submittedReportFailsWithStorageUnavailableAfterTheWaitBound() throws Exception {
        ReportWriter writer = writer(10, 10, Duration.ofMillis(300));
        try (Connection blocker = database.dataSource().getConnection()) {
            CompletableFuture<RecordOutcome> outcome = submitBehindLock(writer, blocker);
            ExecutionException late = assertThrows(ExecutionException.class, () -> outcome.get(5, TimeUnit.SECONDS));
            assertTrue(late.getCause() instanceof StorageUnavailableException, late.getCause().toString());
            assertEquals("the report was not committed in time; retry later", late.getCause().getMessage());
            blocker.rollback();
        }
    }

    /** Submits the report gs-held/read while {@code blocker} holds its key, so that its commit waits for the lock. */
    private static CompletableFuture<RecordOutcome> submitBehindLock(ReportWriter writer, Connection blocker)
            throws Exception {
        blockKey(blocker, report("gs-held", "read"));
        return writer.submit(report("gs-held", "read"));
    }

    /** Inserts the report's row in an open transaction, so that the writer's insert of it waits for the lock. */
    private static void blockKey(Connection connection, StatusReport report) throws Exception {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO message_report (bsp, channel_id,"
                + " gs_id, destination, status, report_time, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, report.bsp());
            insert.setString(2, report.channelId());
            insert.setString(3, report.gsId());
            insert.setString(4, report.destination());
            insert.setString(5, report.status());
            insert.setObject(6, java.time.LocalDateTime.now());
            insert.setObject(7, java.time.LocalDateTime.now());
            insert.executeUpdate();
        }
    }

    private static void awaitEmptyQueue(ReportWriter writer) throws InterruptedException {
        awaitQueueDepth(writer, 0);
        Thread.sleep(50); // the writer has taken the report and is now waiting for the lock
    }

    private static void awaitQueueDepth(ReportWriter writer, int depth) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (writer.queueDepth() != depth && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(depth, writer.queueDepth());
    }

    @Test
    void databaseFailureRefusesTheReport() {
        ReportWriter writer = writer(10, 10, Duration.ofSeconds(5));
        database.execute("SHUTDOWN");
        assertThrows(StorageUnavailableException.class, () -> writer.record(report("gs-1", "read")));
    }

    @Test
    void closingCommitsEveryAcceptedReport() throws Exception {
        ReportWriter writer = writer(1000, 50, Duration.ofSeconds(5));
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<RecordOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String gsId = "gs-" + i;
            outcomes.add(clients.submit(() -> writer.record(report(gsId, "sent"))));
        }
        writer.close();
        long acknowledged = 0;
        for (Future<RecordOutcome> outcome : outcomes) {
            try {
                outcome.get();
                acknowledged++;
            } catch (java.util.concurrent.ExecutionException refused) {
                assertTrue(refused.getCause() instanceof StorageUnavailableException, refused.toString());
            }
        }
        clients.shutdownNow();
        assertEquals(acknowledged, database.count("SELECT COUNT(*) FROM message_report"));
    }

    @Test
    void failedBatchIsRememberedForTheGivenWindowOnly() {
        ReportWriter writer = writer(10, 10, Duration.ofSeconds(5));
        database.execute("SHUTDOWN");
        assertThrows(StorageUnavailableException.class, () -> writer.record(report("gs-1", "read")));
        assertTrue(writer.lastBatchFailedWithin(Duration.ofMinutes(1)));
        assertFalse(writer.lastBatchFailedWithin(Duration.ZERO));
    }
}
