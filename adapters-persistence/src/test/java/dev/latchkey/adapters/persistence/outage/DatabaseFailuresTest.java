package dev.latchkey.adapters.persistence.outage;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTest {

    @Test
    void a_refused_or_broken_connection_or_a_server_shutting_down_is_connection_level() {
        assertThat(DatabaseFailures.connectionLevel(new SQLException("refused", "08001", new ConnectException()))).isPresent();
        assertThat(DatabaseFailures.connectionLevel(new SQLException("I/O error", "08006"))).isPresent();
        assertThat(DatabaseFailures.connectionLevel(new SQLException("terminating connection due to administrator command", "57P01"))).isPresent();
        assertThat(DatabaseFailures.connectionLevel(new SQLException("the database system is starting up", "57P03"))).isPresent();
        assertThat(DatabaseFailures.connectionLevel(new SQLTransientConnectionException("pool timed out"))).isPresent();
    }

    @Test
    void the_innermost_cause_is_reported_through_any_wrapper() {
        SQLException refused = new SQLException("Connection to db:5432 refused", "08001");
        RuntimeException wrapped = new IllegalStateException("data access failed",
                new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms", refused));

        assertThat(DatabaseFailures.connectionLevel(wrapped)).containsSame(refused);
    }

    @Test
    void a_statement_that_is_wrong_is_not_an_outage() {
        assertThat(DatabaseFailures.connectionLevel(new IllegalStateException("x", new SQLException("duplicate key", "23505")))).isEmpty();
        assertThat(DatabaseFailures.connectionLevel(new SQLException("syntax error", "42601"))).isEmpty();
        assertThat(DatabaseFailures.connectionLevel(new SQLException("no state"))).isEmpty();
        assertThat(DatabaseFailures.connectionLevel(new IllegalArgumentException("not a database error"))).isEmpty();
    }
}
