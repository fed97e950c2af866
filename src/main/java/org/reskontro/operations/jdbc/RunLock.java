package org.reskontro.operations.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * A lock in the database that two reskontro processes against the same database respect. It is a row lock
 * held by an open transaction on a connection of its own: released when the run ends, and by the database
 * when the process dies, so a crash never leaves a stale lock behind.
 */
public class RunLock {

    private final DataSource dataSource;

    public RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A held lock; closing it releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the named lock if no other run holds it; never waits. */
    public Optional<Held> tryAcquire(String name) {
        ensureExists(name);
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM run_lock WHERE name = ? FOR UPDATE NOWAIT")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no lock named " + name + " in table run_lock");
                    }
                }
            }
            Connection held = c;
            return Optional.of(() -> release(held));
        } catch (SQLException e) {
            release(c);
            if (isLockTimeout(e)) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot take the " + name + " lock: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the lock's row when it is missing. A plain (non-locking) read first: an INSERT ... SELECT would
     * wait for the row lock that a running night holds.
     */
    private void ensureExists(String name) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM run_lock WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return;
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO run_lock (name) VALUES (?)")) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            // another process created it at the same moment (duplicate key): either way it is there now
        }
    }

    private static boolean isLockTimeout(SQLException e) {
        String state = e.getSQLState();
        return e.getErrorCode() == 1205 || e.getErrorCode() == 3572 || e.getErrorCode() == 50200
                || "HYT00".equals(state) || (state != null && state.startsWith("40"));
    }

    private static void release(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed below either way
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}
