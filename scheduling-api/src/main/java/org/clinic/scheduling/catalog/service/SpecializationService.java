package org.clinic.scheduling.catalog.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.clinic.common.paging.Page;
import org.clinic.common.paging.Versions;
import java.util.UUID;
import org.clinic.common.problem.ProblemException;
import org.clinic.scheduling.catalog.Specialization;
import org.clinic.common.outbox.OutboxWriter;

/**
 * Catalog of specializations; each creation is announced on the event bus through the outbox.
 * Renames and retirements are not: no consumer keeps specializations (deploy/events.md).
 */
@ApplicationScoped
public class SpecializationService {

    public static final String CREATED_EVENT = "clinic.scheduling.specialization.created.v1";

    private final OutboxWriter outbox;

    public SpecializationService(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Data of {@value #CREATED_EVENT}; see deploy/events.md. */
    @RegisterForReflection // event data, serialized by ObjectMapper directly
    public record SpecializationCreated(UUID specializationId, String code, String name) {
    }

    @WithTransaction
    public Uni<Specialization> create(String code, String name) {
        Specialization specialization = new Specialization();
        specialization.id = UUID.randomUUID();
        specialization.code = code;
        specialization.name = name;
        specialization.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Specialization.find("code", code).firstResult()
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(ProblemException.conflict("DUPLICATE",
                                "A specialization with code '" + code + "' already exists"));
                    }
                    return specialization.<Specialization>persist();
                })
                .call(saved -> outbox.append(CREATED_EVENT, saved.id.toString(),
                        new SpecializationCreated(saved.id, saved.code, saved.name)));
    }

    /** By name; retired ones only when asked for. */
    @WithSession
    public Uni<Page<Specialization>> list(int page, int size, boolean includeRetired) {
        var query = includeRetired
                ? Specialization.<Specialization>find("order by name, code")
                : Specialization.<Specialization>find("retiredAt is null order by name, code");
        return Page.fetch(query.page(page, size), page, size);
    }

    /** Renames it if {@code expectedVersion} is still current (else 412); the code stays, doctors refer to it. */
    @WithTransaction
    public Uni<Specialization> rename(UUID id, int expectedVersion, String name) {
        return current(id, expectedVersion).invoke(specialization -> specialization.name = name.trim())
                .call(Panache::flush);
    }

    /**
     * Retires it if {@code expectedVersion} is still current: hidden from the list and refused for
     * new doctors; doctors who have it keep it. Retiring a retired one changes nothing.
     */
    @WithTransaction
    public Uni<Specialization> retire(UUID id, int expectedVersion) {
        return current(id, expectedVersion).invoke(specialization -> {
            if (!specialization.retired()) {
                specialization.retiredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            }
        }).call(Panache::flush);
    }

    private Uni<Specialization> current(UUID id, int expectedVersion) {
        return Specialization.<Specialization>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Specialization " + id))
                .invoke(specialization -> Versions.requireCurrent(specialization.version, expectedVersion, "specialization"));
    }

    @WithSession
    public Uni<Specialization> get(UUID id) {
        return Specialization.<Specialization>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Specialization " + id));
    }
}
