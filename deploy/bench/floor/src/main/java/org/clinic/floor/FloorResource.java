package org.clinic.floor;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;

/** The one endpoint: a token checked and one query run, as the services' first real request does. */
@Path("/floor")
@Authenticated
public class FloorResource {

    private final Pool database;

    public FloorResource(Pool database) {
        this.database = database;
    }

    @GET
    public Uni<Map<String, Object>> floor() {
        return database.query("select now() as now").execute()
                .map(rows -> Map.of("now", rows.iterator().next().getOffsetDateTime("now").toString()));
    }
}
