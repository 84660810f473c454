package org.clinic.common.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/** Plain SQL from tests on the service's own pool, to see what the API does not show. */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** The single number a {@code select count(*) ...} answers. */
    public static long count(Pool database, String sql, Object... parameters) {
        return database.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }
}
