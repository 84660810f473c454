package org.clinic.scheduling.catalog.service;

import io.quarkus.hibernate.reactive.panache.Panache;
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
import org.clinic.common.paging.Versions;
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

    /** By name; retired ones only when asked for. */
    @WithSession
    public Uni<Page<Location>> list(int page, int size, boolean includeRetired) {
        var query = includeRetired
                ? Location.<Location>find("order by name")
                : Location.<Location>find("retiredAt is null order by name");
        return Page.fetch(query.page(page, size), page, size);
    }

    /**
     * Replaces name and address if {@code expectedVersion} is still current (else 412). The time zone
     * stays: the doctors' weekly hours there were written in it (retire the location and add another).
     */
    @WithTransaction
    public Uni<Location> update(UUID id, int expectedVersion, String name, String address, String timeZone) {
        String zone = requireZone("timeZone", timeZone).getId();
        return current(id, expectedVersion).invoke(location -> {
            if (!location.timeZone.equals(zone)) {
                throw ProblemException.invalidField("timeZone",
                        "cannot change (weekly hours there are in " + location.timeZone + "); retire the location and add a new one");
            }
            location.name = name.trim();
            location.address = address;
        }).call(Panache::flush);
    }

    /**
     * Retires it if {@code expectedVersion} is still current: hidden from the list and refused for
     * new availability rules; existing rules and appointments keep it. Retiring a retired one changes nothing.
     */
    @WithTransaction
    public Uni<Location> retire(UUID id, int expectedVersion) {
        return current(id, expectedVersion).invoke(location -> {
            if (!location.retired()) {
                location.retiredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            }
        }).call(Panache::flush);
    }

    private Uni<Location> current(UUID id, int expectedVersion) {
        return Location.<Location>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Location " + id))
                .invoke(location -> Versions.requireCurrent(location.version, expectedVersion, "location"));
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
