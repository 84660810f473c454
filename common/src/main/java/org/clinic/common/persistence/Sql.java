package org.clinic.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Native statements in the current reactive session (upserts with ON CONFLICT need them). */
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

    /** The reactive driver binds {@code timestamptz} from OffsetDateTime, not Instant. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
