package com.contactcenter.reports.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the tests that drive the built WAR over real HTTP: before each test, a fresh H2 database and the
 * receiver in Jetty on it; after it, both closed. JUnit runs these before a subclass's own {@code @BeforeEach}.
 */
public abstract class ReceiverOverHttp {
    protected TestDatabase database;
    protected ReceiverServer server;

    @BeforeEach
    final void startReceiverOnFreshDatabase() throws Exception {
        database = TestDatabase.h2();
        server = ReceiverServer.start(database.dataSource());
    }

    @AfterEach
    final void stopReceiverAndDatabase() {
        server.close();
        database.close();
    }
}
