package org.clinic.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.hibernate.JDBCException;

/** Native statements in the current reactive session (upserts with ON CONFLICT need them), and SQL states of failures. */
public final class Sql {

    /**
     * What PostgreSQL answers while it shuts down or starts (admin_shutdown, crash_shutdown,
     * cannot_connect_now) and the connection_exception class: the server, not the request, failed.
     */
    private static final Set<String> UNAVAILABLE_STATES =
            Set.of("57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006");

    private Sql() {
    }

    /** Runs {@code sql} with named parameters; answers the number of rows changed. */
    public static Uni<Integer> update(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            parameters.forEach((name, value) -> query.setParameter(name, value instanceof Instant i ? timestamp(i) : value));
            return query.executeUpdate();
        });
    }

    /**
     * Whether {@code failure} or one of its causes is a PostgreSQL error with one of {@code sqlStates},
     * as Hibernate (JDBCException), the JDBC driver (SQLException) or the reactive client (PgException) wraps it.
     */
    public static boolean failedWith(Throwable failure, Set<String> sqlStates) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState()
                    : t instanceof JDBCException jdbc ? jdbc.getSQLState()
                    : t instanceof PgException pg ? pg.getSqlState()
                    : null;
            if (state != null && sqlStates.contains(state)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} means the database could not be reached: a connection PostgreSQL
     * closed (a restart, a terminated backend), one that could not be opened, or a server that is
     * shutting down or still starting. Nothing is wrong with the request; it may be tried again.
     */
    public static boolean lostDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // SocketException covers a refused connect and a reset (a backend killed mid-query).
            if (t instanceof ClosedConnectionException || t instanceof SocketException || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return failedWith(failure, UNAVAILABLE_STATES);
    }

    /** The reactive driver binds {@code timestamptz} from OffsetDateTime, not Instant. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
