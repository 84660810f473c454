package org.clinic.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.hibernate.JDBCException;

/** Native statements in the current reactive session (upserts with ON CONFLICT need them), and SQL states of failures. */
public final class Sql {

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

    /** The reactive driver binds {@code timestamptz} from OffsetDateTime, not Instant. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
