package com.contactcenter.reports.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelDaoTest {
    private static final ChannelAddress CHANNEL = ChannelAddress.of("gupshup", "202105102694809992").orElseThrow();
    private static final Instant CREATED = Instant.parse("2026-11-25T10:00:00.250Z");
    private static final Instant ROTATED = Instant.parse("2026-11-26T08:30:00.500Z");

    static Stream<DatabaseDialect> databases() {
        return TestDatabase.requested().stream();
    }

    private static ChannelDao dao(TestDatabase database, Instant now) {
        return new ChannelDao(database.dataSource(), database.dialect(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void savingNewChannelCreatesIt(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            assertTrue(dao(database, CREATED).save(CHANNEL, "hash-1"));
            assertEquals(Optional.of("hash-1"), dao(database, CREATED).findPasswords(CHANNEL).map(StoredPasswords::currentHash));
            assertEquals(Optional.of(new Channel("gupshup", "202105102694809992", CREATED, CREATED)),
                    dao(database, CREATED).find(CHANNEL));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void savingAgainReplacesHashAndKeepsCreationTime(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            dao(database, CREATED).save(CHANNEL, "hash-1");
            assertFalse(dao(database, ROTATED).save(CHANNEL, "hash-2"));
            assertEquals(Optional.of("hash-2"), dao(database, ROTATED).findPasswords(CHANNEL).map(StoredPasswords::currentHash));
            assertEquals(Optional.of(new Channel("gupshup", "202105102694809992", CREATED, ROTATED)),
                    dao(database, ROTATED).find(CHANNEL));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletingChannelRemovesItOnce(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ChannelDao dao = dao(database, CREATED);
            dao.save(CHANNEL, "hash-1");
            assertTrue(dao.delete(CHANNEL));
            assertFalse(dao.delete(CHANNEL));
            assertEquals(Optional.empty(), dao.findPasswords(CHANNEL));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void allChannelsAreListedInOrder(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ChannelDao dao = dao(database, CREATED);
            for (String id : List.of("300", "100", "200")) {
                dao.save(ChannelAddress.of("gupshup", id).orElseThrow(), "hash-" + id);
            }
            assertEquals(List.of("100", "200", "300"),
                    dao.findAll().stream().map(Channel::channelId).collect(Collectors.toList()));
        }
    }
}
