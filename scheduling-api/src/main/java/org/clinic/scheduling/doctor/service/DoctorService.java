package org.clinic.scheduling.doctor.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.paging.Versions;
import org.clinic.common.problem.ProblemException;
import org.clinic.scheduling.catalog.Specialization;
import org.clinic.scheduling.doctor.Doctor;
import org.clinic.common.outbox.OutboxWriter;

/** Doctor profiles; every change is announced through the outbox. */
@ApplicationScoped
public class DoctorService {

    private static final String EVENT_PREFIX = "clinic.scheduling.doctor.";

    private final OutboxWriter outbox;

    public DoctorService(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** What a new doctor's profile holds. */
    public record NewDoctor(String firstName, String lastName, String licenseNumber, String phone, String email,
                            List<String> languages, String bio, Set<UUID> specializationIds, int defaultVisitMinutes,
                            boolean requiresAcceptance, int bufferMinutes, int minNoticeMinutes, int horizonDays,
                            int cancellationWindowHours) {
    }

    /** Must run inside a transaction (so that a login can be created with the profile). */
    public Uni<Doctor> create(NewDoctor request) {
        Set<UUID> specializations = new HashSet<>(request.specializationIds());
        return requireInUse(specializations)
                .chain(() -> Doctor.count("licenseNumber", request.licenseNumber().trim()))
                .chain(sameLicense -> {
                    if (sameLicense > 0) {
                        return Uni.createFrom().failure(ProblemException.conflict("LICENSE_TAKEN",
                                "A doctor with this license number already exists"));
                    }
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    Doctor doctor = new Doctor();
                    doctor.id = UUID.randomUUID();
                    doctor.active = true;
                    doctor.createdAt = now;
                    apply(doctor, request, specializations, now);
                    return doctor.<Doctor>persist()
                            .call(saved -> outbox.append(EVENT_PREFIX + "created.v1", saved.id.toString(), eventData(saved)));
                });
    }

    /** Replaces the profile if {@code expectedVersion} is still current (else 412). */
    @WithTransaction
    public Uni<Doctor> update(UUID id, int expectedVersion, NewDoctor request) {
        Set<UUID> specializations = new HashSet<>(request.specializationIds());
        return Specialization.count("id in ?1", specializations)
                .chain(found -> found != specializations.size()
                        ? Uni.createFrom().<Doctor>failure(ProblemException.invalidField("specializationIds",
                                "contains an id that is not in the catalog"))
                        : Doctor.<Doctor>find("id = ?1 and active = true", id).firstResult())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Doctor " + id))
                // A specialization retired since keeps its doctors; it is only refused as a new one.
                .call(doctor -> {
                    Set<UUID> added = new HashSet<>(specializations);
                    added.removeAll(doctor.specializationIds);
                    return requireInUse(added);
                })
                .chain(doctor -> Doctor.count("licenseNumber = ?1 and id <> ?2", request.licenseNumber().trim(), id)
                        .chain(sameLicense -> {
                            if (sameLicense > 0) {
                                return Uni.createFrom().failure(ProblemException.conflict("LICENSE_TAKEN",
                                        "A doctor with this license number already exists"));
                            }
                            Versions.requireCurrent(doctor.version, expectedVersion, "doctor");
                            apply(doctor, request, specializations, Instant.now().truncatedTo(ChronoUnit.MICROS));
                            return io.quarkus.hibernate.reactive.panache.Panache.flush()
                                    .chain(() -> outbox.append(EVENT_PREFIX + "updated.v1", doctor.id.toString(), eventData(doctor)))
                                    .replaceWith(doctor);
                        }));
    }

    /** Fails naming {@code specializationIds} unless every one is in the catalog and not retired. */
    private static Uni<Void> requireInUse(Set<UUID> specializations) {
        if (specializations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Specialization.count("id in ?1 and retiredAt is null", specializations)
                .chain(inUse -> inUse == specializations.size()
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ProblemException.invalidField("specializationIds",
                                "contains an id that is not in the catalog, or a retired specialization")));
    }

    /** The part of the profile a doctor edits themself: never the license, hours or booking rules. */
    public record PublicProfile(String bio, List<String> languages, String photoUrl) {
    }

    /** Replaces the public profile if {@code expectedVersion} is still current (else 412). */
    @WithTransaction
    public Uni<Doctor> updatePublicProfile(UUID id, int expectedVersion, PublicProfile profile) {
        return Doctor.<Doctor>find("id = ?1 and active = true", id).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Doctor " + id))
                .chain(doctor -> {
                    Versions.requireCurrent(doctor.version, expectedVersion, "doctor");
                    doctor.bio = profile.bio();
                    doctor.languages = String.join(",", profile.languages() == null ? List.of() : profile.languages());
                    doctor.photoUrl = profile.photoUrl();
                    doctor.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return io.quarkus.hibernate.reactive.panache.Panache.flush()
                            .chain(() -> outbox.append(EVENT_PREFIX + "updated.v1", doctor.id.toString(), eventData(doctor)))
                            .replaceWith(doctor);
                });
    }

    /** Hides the doctor from search and booking; existing appointments stay readable. */
    @WithTransaction
    public Uni<Void> deactivate(UUID id) {
        return Doctor.<Doctor>find("id = ?1 and active = true", id).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Doctor " + id))
                .chain(doctor -> {
                    doctor.active = false;
                    doctor.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return outbox.append(EVENT_PREFIX + "deactivated.v1", doctor.id.toString(), Map.of("doctorId", doctor.id))
                            .replaceWithVoid();
                });
    }

    private static void apply(Doctor doctor, NewDoctor request, Set<UUID> specializations, Instant now) {
        doctor.firstName = request.firstName().trim();
        doctor.lastName = request.lastName().trim();
        doctor.licenseNumber = request.licenseNumber().trim();
        doctor.phone = request.phone();
        doctor.email = request.email();
        doctor.languages = String.join(",", request.languages() == null ? List.of() : request.languages());
        doctor.bio = request.bio();
        doctor.specializationIds.clear();
        doctor.specializationIds.addAll(specializations);
        doctor.defaultVisitMinutes = request.defaultVisitMinutes();
        doctor.requiresAcceptance = request.requiresAcceptance();
        doctor.bufferMinutes = request.bufferMinutes();
        doctor.minNoticeMinutes = request.minNoticeMinutes();
        doctor.horizonDays = request.horizonDays();
        doctor.cancellationWindowHours = request.cancellationWindowHours();
        doctor.updatedAt = now;
    }

    /** See deploy/events.md. */
    static Map<String, Object> eventData(Doctor d) {
        return Map.of("doctorId", d.id, "name", d.displayName(), "licenseNumber", d.licenseNumber,
                "specializationIds", d.specializationIds,
                "languages", d.languages.isEmpty() ? List.of() : List.of(d.languages.split(",")),
                "requiresAcceptance", d.requiresAcceptance, "cancellationWindowHours", d.cancellationWindowHours);
    }

    @WithSession
    public Uni<Doctor> get(UUID id) {
        return Doctor.<Doctor>find("id = ?1 and active = true", id).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Doctor " + id));
    }

    /** Active doctors, by name, optionally of one specialization, matching a name fragment, speaking a language. */
    @WithSession
    public Uni<Page<Doctor>> list(UUID specializationId, String name, String language, UUID locationId, int page, int size) {
        List<String> where = new ArrayList<>(List.of("d.active = true"));
        Parameters parameters = new Parameters();
        if (specializationId != null) {
            where.add(":specialization member of d.specializationIds");
            parameters.and("specialization", specializationId);
        }
        if (name != null && !name.isBlank()) {
            where.add("(lower(d.firstName) like :name or lower(d.lastName) like :name)");
            parameters.and("name", "%" + name.trim().toLowerCase(java.util.Locale.ROOT) + "%");
        }
        if (language != null && !language.isBlank()) {
            where.add("(',' || d.languages || ',') like :language");
            parameters.and("language", "%," + language.trim().toLowerCase(java.util.Locale.ROOT) + ",%");
        }
        if (locationId != null) {
            where.add("exists (select 1 from AvailabilityRule r where r.doctorId = d.id and r.locationId = :location)");
            parameters.and("location", locationId);
        }
        String query = "from Doctor d where " + String.join(" and ", where) + " order by d.lastName, d.firstName, d.id";
        var found = Doctor.<Doctor>find(query, parameters).page(page, size);
        return Page.fetch(found, page, size);
    }
}
