package org.clinic.scheduling.appointment.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import io.quarkus.panache.common.Parameters;
import org.clinic.common.paging.Page;
import org.clinic.common.persistence.Sql;
import org.clinic.common.persistence.Transactions;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.scheduling.appointment.Appointment;
import org.clinic.scheduling.appointment.AppointmentConfig;
import org.clinic.scheduling.appointment.AppointmentHistory;
import org.clinic.scheduling.appointment.AppointmentStatus;
import org.clinic.scheduling.appointment.AppointmentTransitions;
import org.clinic.scheduling.availability.DoctorSchedule;
import org.clinic.scheduling.availability.SlotCalculator;
import org.clinic.scheduling.availability.service.DoctorSchedules;
import org.clinic.scheduling.availability.service.SlotCache;
import org.clinic.scheduling.availability.service.SlotService;
import org.clinic.scheduling.doctor.Doctor;
import org.clinic.common.outbox.OutboxWriter;
import org.clinic.scheduling.catalog.Location;
import org.clinic.scheduling.patient.Patient;
import org.clinic.scheduling.patient.service.PatientService;

/**
 * Booking and the appointment lifecycle. A booking must match a free slot of the doctor's
 * availability; PostgreSQL's exclusion constraints settle races between bookings (409 SLOT_TAKEN),
 * and a race that ends in a deadlock is run again ({@link Transactions#retrying}, and
 * {@link BookingStatement} for the booking itself).
 * Every change writes its history row and its event in the same transaction.
 */
@ApplicationScoped
public class AppointmentService {

    private static final String EVENT_PREFIX = "clinic.scheduling.appointment.";

    private final SlotService slots;
    private final OutboxWriter outbox;
    private final MeterRegistry meters;
    private final SlotCache slotCache;
    private final AppointmentTransitions.Windows windows;
    private final DoctorSchedules schedules;
    private final BookingStatement booking;

    public AppointmentService(SlotService slots, OutboxWriter outbox, MeterRegistry meters, SlotCache slotCache,
                              AppointmentConfig config, DoctorSchedules schedules, BookingStatement booking) {
        this.schedules = schedules;
        this.booking = booking;
        this.slotCache = slotCache;
        this.windows = config.windows();
        this.slots = slots;
        this.outbox = outbox;
        this.meters = meters;
    }

    public record Booking(UUID doctorId, UUID patientId, OffsetDateTime start, String type, String reason) {
    }

    /**
     * Books in one round trip to PostgreSQL: the slot is checked in process against the doctor's
     * kept schedule ({@link DoctorSchedules}), and {@link BookingStatement} writes appointment,
     * history and event together if that schedule is still the doctor's current one. If it moved,
     * the schedule is read again and the slot checked again; a stale schedule never books.
     */
    public Uni<Appointment> book(Booking request, Caller caller) {
        if (!caller.isClinicStaff() && !(caller.is("PATIENT") && request.patientId().equals(caller.patientId()))) {
            return Uni.createFrom().failure(ProblemException.forbidden("Patients book for themselves; staff and admins for anyone"));
        }
        return schedules.get(request.doctorId())
                .chain(schedule -> bookAgainst(schedule, request, caller, SCHEDULE_RELOADS))
                .onFailure(AppointmentService::isOverlap).transform(AppointmentService::slotTaken)
                .call(saved -> slotCache.invalidate(saved.doctorId))
                .invoke(() -> meters.counter("clinic.appointments.booked").increment());
    }

    /** Schedules read again for one booking before it answers 503 (a doctor's hours changing that often). */
    private static final int SCHEDULE_RELOADS = 3;

    private Uni<Appointment> bookAgainst(DoctorSchedule schedule, Booking request, Caller caller, int reloadsLeft) {
        if (schedule == null) {
            return Uni.createFrom().failure(ProblemException.invalidField("doctorId", "is not a known doctor"));
        }
        Instant start = request.start().toInstant();
        Instant now = Instant.now();
        SlotCalculator.Slot slot = schedule.slotAt(start, now).orElse(null);
        if (slot == null || !slot.offers(request.type())) {
            // The kept schedule may be older than hours just opened: refuse only if it is current.
            ProblemException refusal = slot == null
                    ? ProblemException.conflict("SLOT_UNAVAILABLE", "No free slot of this doctor starts at that time "
                            + "(outside availability, in the past, inside the notice or beyond the horizon)")
                    : ProblemException.conflict("TYPE_NOT_OFFERED", "This slot offers only " + String.join(", ", slot.appointmentTypes()));
            return schedules.isCurrent(schedule).chain(current -> current || reloadsLeft == 0
                    ? Uni.createFrom().failure(refusal)
                    : againWithFreshSchedule(request, caller, reloadsLeft));
        }
        Appointment appointment = newAppointment(schedule, slot, request, now);
        DoctorSchedule.Place place = slot.locationId() == null ? null : schedule.places().get(slot.locationId());
        Map<String, Object> data = eventData(appointment, physician(schedule), null, place == null ? null
                : location(place.id(), place.name(), place.address()));
        data.put("changedBy", changedBy(caller));
        var event = outbox.envelope(EVENT_PREFIX + "booked.v1", appointment.id.toString(), data);
        return booking.book(appointment, schedule.version(), caller.userId(), event).chain(outcome -> switch (outcome) {
            case BOOKED -> {
                outbox.written(); // committed: the booked event leaves within the relay's wake delay
                yield Uni.createFrom().item(appointment);
            }
            case UNKNOWN_PATIENT -> Uni.createFrom().failure(ProblemException.invalidField("patientId", "is not a known patient"));
            case SCHEDULE_MOVED -> reloadsLeft == 0
                    ? Uni.createFrom().failure(new ProblemException(503, "TRY_AGAIN", "Service Unavailable",
                            "The doctor's hours kept changing while booking; nothing was booked, try again"))
                    : againWithFreshSchedule(request, caller, reloadsLeft);
        });
    }

    private Uni<Appointment> againWithFreshSchedule(Booking request, Caller caller, int reloadsLeft) {
        return schedules.reload(request.doctorId()).chain(fresh -> bookAgainst(fresh, request, caller, reloadsLeft - 1));
    }

    private static Appointment newAppointment(DoctorSchedule schedule, SlotCalculator.Slot slot, Booking request, Instant now) {
        Appointment appointment = new Appointment();
        appointment.id = UUID.randomUUID();
        appointment.doctorId = schedule.doctorId();
        appointment.patientId = request.patientId();
        appointment.locationId = slot.locationId();
        appointment.telehealth = slot.locationId() == null;
        appointment.timeZone = slot.zone();
        appointment.startsAt = slot.start().toInstant();
        appointment.endsAt = slot.end().toInstant();
        appointment.blockedUntil = appointment.endsAt.plus(Duration.ofMinutes(schedule.bufferMinutes()));
        appointment.type = request.type();
        appointment.reason = request.reason();
        appointment.status = schedule.requiresAcceptance() ? AppointmentStatus.REQUESTED : AppointmentStatus.CONFIRMED;
        appointment.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        appointment.updatedAt = appointment.createdAt;
        return appointment;
    }

    /**
     * Moves an appointment to a new start of the same doctor in one transaction: the new time is
     * taken and the old one released together, or nothing changes.
     */
    public Uni<Appointment> reschedule(UUID id, OffsetDateTime newStart, String reason, Caller caller) {
        Instant start = newStart.toInstant();
        Instant now = Instant.now();
        return Transactions.retrying(() -> visible(id, caller).chain(appointment -> {
                    boolean mayMove = caller.isClinicStaff() || caller.is("PATIENT");
                    if (!mayMove) {
                        return Uni.createFrom().failure(ProblemException.forbidden("Patients reschedule their own appointments; staff and admins any"));
                    }
                    if (appointment.status != AppointmentStatus.REQUESTED && appointment.status != AppointmentStatus.CONFIRMED) {
                        return Uni.createFrom().failure(ProblemException.conflict("INVALID_TRANSITION",
                                "Only requested or confirmed appointments can be rescheduled"));
                    }
                    return Doctor.<Doctor>findById(appointment.doctorId).chain(doctor ->
                            slots.freeSlots(doctor, start, start.plusSeconds(1), now, appointment.id).chain(free -> {
                                SlotCalculator.Slot slot = free.stream()
                                        .filter(s -> s.start().toInstant().equals(start)).findFirst().orElse(null);
                                if (slot == null) {
                                    return Uni.createFrom().failure(ProblemException.conflict("SLOT_UNAVAILABLE",
                                            "No free slot of this doctor starts at that time"));
                                }
                                String previous = appointment.startsAt.atZone(ZoneId.of(appointment.timeZone))
                                        .toOffsetDateTime().toString();
                                appointment.startsAt = slot.start().toInstant();
                                appointment.endsAt = slot.end().toInstant();
                                appointment.blockedUntil = appointment.endsAt.plus(Duration.ofMinutes(doctor.bufferMinutes));
                                appointment.locationId = slot.locationId();
                                appointment.telehealth = slot.locationId() == null;
                                appointment.timeZone = slot.zone();
                                appointment.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
                                String why = "rescheduled from " + previous + (reason == null ? "" : ": " + reason);
                                return Panache.flush()
                                        .chain(() -> history(appointment, appointment.status, caller, why))
                                        .chain(() -> Patient.<Patient>findById(appointment.patientId))
                                        .chain(patient -> publish("rescheduled", appointment, doctor, patient, caller,
                                                Map.of("previousStart", previous)))
                                        .replaceWith(appointment);
                            }));
                }))
                .onFailure(AppointmentService::isOverlap).transform(AppointmentService::slotTaken)
                .call(changed -> slotCache.invalidate(changed.doctorId));
    }

    /** Staff and admins mark a booking made in error: it frees its time and stays in the history. */
    public Uni<Appointment> markEnteredInError(UUID id, String reason, Caller caller) {
        if (!caller.isClinicStaff()) {
            return Uni.createFrom().failure(ProblemException.forbidden("Only staff and admins remove appointments"));
        }
        return Transactions.retrying(() -> visible(id, caller).chain(appointment -> {
            if (appointment.status == AppointmentStatus.ENTERED_IN_ERROR) {
                return Uni.createFrom().item(appointment);
            }
            AppointmentStatus from = appointment.status;
            appointment.status = AppointmentStatus.ENTERED_IN_ERROR;
            appointment.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return Doctor.<Doctor>findById(appointment.doctorId).chain(doctor -> Patient.<Patient>findById(appointment.patientId)
                    .call(() -> history(appointment, from, caller, reason))
                    .call(patient -> publish("entered-in-error", appointment, doctor, patient, caller, Map.of()))
                    .replaceWith(appointment));
        })).call(removed -> slotCache.invalidate(removed.doctorId));
    }

    /** Moves an appointment to {@code to}, if the caller may (see {@link AppointmentTransitions}). */
    public Uni<Appointment> changeStatus(UUID id, AppointmentStatus to, String reason, Caller caller) {
        Instant now = Instant.now();
        return Transactions.retrying(() -> visible(id, caller).chain(appointment -> {
                    var refusal = AppointmentTransitions.check(appointment.status, to, caller.roles(),
                            appointment.startsAt, now, windows);
                    if (refusal.isPresent()) {
                        return Uni.createFrom().failure(switch (refusal.get()) {
                            case ROLE_NOT_ALLOWED -> ProblemException.forbidden("Your role may not move an appointment from " + appointment.status + " to " + to);
                            case OUTSIDE_WINDOW -> ProblemException.conflict("OUTSIDE_TRANSITION_WINDOW", windowNotOpen(appointment, to));
                            default -> ProblemException.conflict("INVALID_TRANSITION",
                                    "An appointment cannot go from " + appointment.status + " to " + to);
                        });
                    }
                    return Doctor.<Doctor>findById(appointment.doctorId).chain(doctor -> {
                        AppointmentStatus from = appointment.status;
                        appointment.status = to;
                        appointment.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
                        if (to == AppointmentStatus.CANCELLED && caller.is("PATIENT") && !caller.isClinicStaff()) {
                            appointment.lateCancellation = AppointmentTransitions.isLateCancellation(
                                    appointment.startsAt, now, doctor.cancellationWindowHours);
                        }
                        return Patient.<Patient>findById(appointment.patientId)
                                .call(() -> history(appointment, from, caller, reason))
                                .call(patient -> publish(eventName(to), appointment, doctor, patient, caller, Map.of()))
                                .replaceWith(appointment);
                    });
                }))
                .onFailure(AppointmentService::isOverlap).transform(AppointmentService::slotTaken)
                .call(changed -> slotCache.invalidate(changed.doctorId));
    }

    /** Names the window a move waited for, in the appointment's own zone. */
    private String windowNotOpen(Appointment appointment, AppointmentStatus to) {
        String opens = AppointmentTransitions.opensAt(to, appointment.startsAt, windows).orElseThrow()
                .atZone(ZoneId.of(appointment.timeZone)).toOffsetDateTime().toString();
        return switch (to) {
            case CHECKED_IN -> "Check-in opens at " + opens + ", " + windows.checkInOpensBefore().toMinutes()
                    + " minutes before the start";
            case NO_SHOW -> "A no-show can be marked from " + opens + ", " + windows.noShowGrace().toMinutes()
                    + " minutes after the start";
            default -> "This move opens at the start, " + opens;
        };
    }

    /** Filters of the appointment list; any may be null. */
    public record ListFilter(UUID doctorId, UUID patientId, AppointmentStatus status, Instant from, Instant to) {
    }

    /** Patients see their own, doctors theirs, staff and admins all; earliest first. */
    public Uni<Page<Appointment>> list(ListFilter filter, Caller caller, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (!caller.isClinicStaff()) {
            if (caller.is("DOCTOR") && caller.doctorId() != null) {
                where.add("doctorId = :self");
                parameters.and("self", caller.doctorId());
            } else if (caller.is("PATIENT") && caller.patientId() != null) {
                where.add("patientId = :self");
                parameters.and("self", caller.patientId());
            } else {
                return Uni.createFrom().item(new Page<>(List.of(), page, size, 0));
            }
        }
        if (filter.doctorId() != null) {
            where.add("doctorId = :doctor");
            parameters.and("doctor", filter.doctorId());
        }
        if (filter.patientId() != null) {
            where.add("patientId = :patient");
            parameters.and("patient", filter.patientId());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.from() != null) {
            where.add("startsAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("startsAt < :to");
            parameters.and("to", filter.to());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by startsAt, id";
        return Panache.withSession(() -> {
            var found = Appointment.<Appointment>find(query, parameters).page(page, size);
            return Page.fetch(found, page, size);
        });
    }

    public Uni<Appointment> get(UUID id, Caller caller) {
        return Panache.withSession(() -> visible(id, caller));
    }

    public Uni<List<AppointmentHistory>> history(UUID id, Caller caller) {
        return Panache.withSession(() -> visible(id, caller)
                .chain(a -> AppointmentHistory.<AppointmentHistory>list("appointmentId = ?1 order by changedAt", id)));
    }

    /** The appointment if the caller may see it: its patient, its doctor, staff and admins; else 404. */
    private static Uni<Appointment> visible(UUID id, Caller caller) {
        return Appointment.<Appointment>findById(id).map(a -> a != null && (caller.isClinicStaff()
                        || (caller.is("PATIENT") && a.patientId.equals(caller.patientId()))
                        || (caller.is("DOCTOR") && a.doctorId.equals(caller.doctorId()))) ? a : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Appointment " + id));
    }

    private static Uni<Void> history(Appointment appointment, AppointmentStatus from, Caller caller, String reason) {
        AppointmentHistory entry = new AppointmentHistory();
        entry.id = UUID.randomUUID();
        entry.appointmentId = appointment.id;
        entry.changedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.changedBy = caller.userId();
        entry.fromStatus = from;
        entry.toStatus = appointment.status;
        entry.reason = reason;
        return entry.persist().replaceWithVoid();
    }

    static String eventName(AppointmentStatus status) {
        return switch (status) {
            case CHECKED_IN -> "checked-in";
            case NO_SHOW -> "no-show";
            case ENTERED_IN_ERROR -> "entered-in-error";
            default -> status.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Writes the event of a change to the outbox, with what consumers need without calling back. */
    private Uni<Void> publish(String event, Appointment a, Doctor doctor, Patient patient, Caller caller,
                              Map<String, Object> extra) {
        Uni<Location> location = a.locationId == null ? Uni.createFrom().nullItem() : Location.findById(a.locationId);
        return location.chain(place -> {
            Map<String, Object> data = eventData(a, doctor, patient, place);
            data.put("changedBy", changedBy(caller));
            data.putAll(extra);
            return outbox.append(EVENT_PREFIX + event + ".v1", a.id.toString(), data);
        }).replaceWithVoid();
    }

    /** Who made the change, so consumers do not tell people what they did themselves. */
    static String changedBy(Caller caller) {
        if (caller.isClinicStaff()) {
            return "STAFF";
        }
        return caller.is("DOCTOR") ? "DOCTOR" : "PATIENT";
    }

    /** See deploy/events.md. */
    static Map<String, Object> eventData(Appointment a, Doctor doctor, Patient patient, Location location) {
        Map<String, Object> person = PatientService.eventData(patient);
        person.put("id", person.remove("patientId"));
        return eventData(a, physician(doctor), person, location == null ? null
                : location(location.id, location.name, location.address));
    }

    /** The event's data from its parts; {@code patient} null for the booking, whose statement adds it. */
    static Map<String, Object> eventData(Appointment a, Map<String, Object> doctor, Map<String, Object> patient,
                                         Map<String, Object> location) {
        ZoneId zone = ZoneId.of(a.timeZone);
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("appointmentId", a.id);
        data.put("status", a.status.name());
        data.put("start", a.startsAt.atZone(zone).toOffsetDateTime().toString());
        data.put("end", a.endsAt.atZone(zone).toOffsetDateTime().toString());
        data.put("timeZone", a.timeZone);
        data.put("type", a.type == null ? "" : a.type);
        data.put("telehealth", a.telehealth);
        data.put("location", location);
        data.put("lateCancellation", a.lateCancellation);
        data.put("doctor", doctor);
        if (patient != null) {
            data.put("patient", patient);
        }
        return data;
    }

    private static Map<String, Object> location(UUID id, String name, String address) {
        return Map.of("id", id, "name", name, "address", address == null ? "" : address);
    }

    private static Map<String, Object> physician(Doctor doctor) {
        return physician(doctor.id, doctor.displayName(), doctor.firstLanguage(), doctor.email);
    }

    private static Map<String, Object> physician(DoctorSchedule schedule) {
        return physician(schedule.doctorId(), schedule.displayName(), schedule.language(), schedule.email());
    }

    private static Map<String, Object> physician(UUID id, String name, String language, String email) {
        Map<String, Object> physician = new java.util.LinkedHashMap<>();
        physician.put("id", id);
        physician.put("name", name);
        physician.put("language", language);
        physician.put("contact", email == null ? Map.of() : Map.of("email", email));
        return physician;
    }

    private static boolean isOverlap(Throwable failure) {
        return Sql.failedWith(failure, Set.of("23P01"));
    }

    private static ProblemException slotTaken(Throwable failure) {
        String message = String.valueOf(failure.getMessage()) + (failure.getCause() == null ? "" : failure.getCause().getMessage());
        boolean patientOverlap = message.contains("appointment_patient_overlap_ex");
        return ProblemException.conflict("SLOT_TAKEN", patientOverlap
                ? "The patient already has an appointment at that time"
                : "That time of the doctor is taken; choose another slot");
    }
}
