package com.contactcenter.reports.channel;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.failure.StorageUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads and writes {@code whatsapp_channel}; times are UTC. Thread-safe: it holds no connection. */
public final class ChannelDao {
    static final String SELECT_PASSWORDS = "SELECT password_hash, previous_password_hash, previous_valid_until"
            + " FROM whatsapp_channel WHERE bsp = ? AND channel_id = ?";
    static final String SELECT_ALL =
            "SELECT bsp, channel_id, created_at, updated_at FROM whatsapp_channel ORDER BY bsp, channel_id";
    static final String SELECT_ONE =
            "SELECT bsp, channel_id, created_at, updated_at FROM whatsapp_channel WHERE bsp = ? AND channel_id = ?";
    /**
     * The old hash moves to previous_password_hash before the new one replaces it: standard SQL reads the row as it
     * was, and MySQL/MariaDB, which apply assignments left to right, read it before password_hash changes.
     */
    static final String ROTATE_KEEPING_PREVIOUS = "UPDATE whatsapp_channel SET previous_password_hash = password_hash,"
            + " previous_valid_until = ?, password_hash = ?, updated_at = ? WHERE bsp = ? AND channel_id = ?";
    static final String REPLACE_PASSWORD = "UPDATE whatsapp_channel SET previous_password_hash = NULL,"
            + " previous_valid_until = NULL, password_hash = ?, updated_at = ? WHERE bsp = ? AND channel_id = ?";
    static final String INSERT = "INSERT INTO whatsapp_channel (bsp, channel_id, password_hash, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    static final String DELETE = "DELETE FROM whatsapp_channel WHERE bsp = ? AND channel_id = ?";

    private final DataSource dataSource;
    private final DatabaseDialect dialect;
    private final Clock clock;

    public ChannelDao(DataSource dataSource, DatabaseDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
    }

    public Optional<StoredPasswords> findPasswords(ChannelAddress address) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT_PASSWORDS)) {
            select.setString(1, address.bsp());
            select.setString(2, address.channelId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                LocalDateTime validUntil = row.getObject(3, LocalDateTime.class);
                return Optional.of(new StoredPasswords(row.getString(1), row.getString(2),
                        validUntil == null ? null : validUntil.toInstant(ZoneOffset.UTC)));
            }
        } catch (SQLException failed) {
            throw unavailable(failed);
        }
    }

    public List<Channel> findAll() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT_ALL);
                ResultSet rows = select.executeQuery()) {
            List<Channel> channels = new ArrayList<>();
            while (rows.next()) {
                channels.add(channel(rows));
            }
            return channels;
        } catch (SQLException failed) {
            throw unavailable(failed);
        }
    }

    public Optional<Channel> find(ChannelAddress address) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
            select.setString(1, address.bsp());
            select.setString(2, address.channelId());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(channel(row)) : Optional.empty();
            }
        } catch (SQLException failed) {
            throw unavailable(failed);
        }
    }

    /** Sets the channel's password hash, creating the channel when it is new; true when it was created. */
    public boolean save(ChannelAddress address, String passwordHash) {
        return save(address, passwordHash, Duration.ZERO);
    }

    /**
     * Sets the channel's password hash, creating the channel when it is new; true when it was created. A rotated
     * channel keeps accepting its previous password for the grace period (none when it is zero).
     */
    public boolean save(ChannelAddress address, String passwordHash, Duration previousPasswordGrace) {
        Instant instant = clock.instant();
        LocalDateTime now = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        LocalDateTime previousValidUntil = previousPasswordGrace.isZero() ? null
                : LocalDateTime.ofInstant(instant.plus(previousPasswordGrace), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (update(connection, address, passwordHash, now, previousValidUntil)) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, address.bsp());
                insert.setString(2, address.channelId());
                insert.setString(3, passwordHash);
                insert.setObject(4, now);
                insert.setObject(5, now);
                insert.executeUpdate();
                return true;
            } catch (SQLException failed) {
                if (dialect.isUniqueViolation(failed)
                        && update(connection, address, passwordHash, now, previousValidUntil)) {
                    return false; // created concurrently by another request: this one rotates it
                }
                throw failed;
            }
        } catch (SQLException failed) {
            throw unavailable(failed);
        }
    }

    /** Removes the channel; true when it existed. Its reports stay in message_report. */
    public boolean delete(ChannelAddress address) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE)) {
            connection.setAutoCommit(true);
            delete.setString(1, address.bsp());
            delete.setString(2, address.channelId());
            return delete.executeUpdate() > 0;
        } catch (SQLException failed) {
            throw unavailable(failed);
        }
    }

    private static boolean update(Connection connection, ChannelAddress address, String passwordHash,
            LocalDateTime now, LocalDateTime previousValidUntil) throws SQLException {
        boolean keepPrevious = previousValidUntil != null;
        try (PreparedStatement update = connection.prepareStatement(
                keepPrevious ? ROTATE_KEEPING_PREVIOUS : REPLACE_PASSWORD)) {
            int parameter = 1;
            if (keepPrevious) {
                update.setObject(parameter++, previousValidUntil);
            }
            update.setString(parameter++, passwordHash);
            update.setObject(parameter++, now);
            update.setString(parameter++, address.bsp());
            update.setString(parameter, address.channelId());
            return update.executeUpdate() > 0;
        }
    }

    private static Channel channel(ResultSet row) throws SQLException {
        return new Channel(row.getString(1), row.getString(2), instant(row, 3), instant(row, 4));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private static StorageUnavailableException unavailable(SQLException failed) {
        return new StorageUnavailableException("the channel store is unavailable; retry later", failed);
    }
}
