package dev.latchkey.adapters.persistence.outage;

import io.micronaut.data.connection.exceptions.ConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a database that is not there from a statement that is wrong. Connection-level failures are
 * the pool's timeout ({@link SQLTransientConnectionException}: no connection within
 * {@code connection-timeout}), SQLState class 08 (connection exception: refused, broken, closed),
 * 57P01..57P03 (the server is shutting down, crashed, or cannot take connections yet), and
 * micronaut-data's {@link ConnectionException} (a connection could not be opened or prepared: the
 * pool had already closed the broken one, whose own error says no SQLState). Anything else (a
 * constraint, a syntax error) is the statement's own problem and stays what it is.
 */
public final class DatabaseFailures {
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final int MAX_DEPTH = 16;

    private DatabaseFailures() {
    }

    /** The connection-level failure behind {@code error}, if it is one: the innermost, which says best what happened. */
    public static Optional<Throwable> connectionLevel(Throwable error) {
        Throwable found = null;
        Throwable e = error;
        for (int depth = 0; e != null && depth < MAX_DEPTH; depth++, e = e.getCause()) {
            if (e instanceof ConnectionException || e instanceof SQLException sql && isConnectionLevel(sql)) {
                found = e; // the pool's timeout wraps the driver's "refused", which is what an operator needs to read
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return Optional.ofNullable(found);
    }

    static boolean isConnectionLevel(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || SERVER_GOING_AWAY.contains(state));
    }
}
