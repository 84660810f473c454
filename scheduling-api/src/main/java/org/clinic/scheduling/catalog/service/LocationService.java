package org.clinic.scheduling.catalog.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.ProblemException;
import org.clinic.scheduling.catalog.Location;

/** Clinic locations with their time zones. */
@ApplicationScoped
public class LocationService {

    @WithTransaction
    public Uni<Location> create(String name, String address, String timeZone) {
        Location location = new Location();
        location.id = UUID.randomUUID();
        location.name = name.trim();
        location.address = address;
        location.timeZone = requireZone("timeZone", timeZone).getId();
        location.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return location.persist();
    }

    @WithSession
    public Uni<Page<Location>> list(int page, int size) {
        var query = Location.<Location>find("order by name").page(page, size);
        return Page.fetch(query, page, size);
    }

    @WithSession
    public Uni<Location> get(UUID id) {
        return Location.<Location>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Location " + id));
    }

    /** An IANA zone id such as Europe/Lisbon; offsets and abbreviations are refused. */
    public static ZoneId requireZone(String field, String zone) {
        try {
            if (zone == null || !zone.contains("/")) {
                throw new DateTimeException("not a region id");
            }
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ProblemException.invalidField(field, "must be an IANA time zone such as Europe/Lisbon");
        }
    }
}
