package org.clinic.scheduling.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a booking needs of a doctor, as of one {@code schedule_version} of the doctor's row: the
 * booking settings, the weekly rules, date overrides and time off, and the fields the booked event
 * carries. Appointments are not part of it: PostgreSQL's exclusion constraints decide those. Pure.
 */
public record DoctorSchedule(long version, UUID doctorId, String displayName, String language, String email,
                             boolean requiresAcceptance, int bufferMinutes, int minNoticeMinutes, int horizonDays,
                             List<SlotCalculator.WeeklyRule> rules, List<SlotCalculator.DateOverride> overrides,
                             List<SlotCalculator.Busy> timeOff, Map<UUID, Place> places) {

    /** A location the rules use, as the event names it. */
    public record Place(UUID id, String name, String address) {
    }

    /**
     * The slot that starts exactly at {@code start}, if the rules, overrides, time off, the notice
     * and the horizon allow it as of {@code now}; whether another appointment holds it is left to
     * the database.
     */
    public Optional<SlotCalculator.Slot> slotAt(Instant start, Instant now) {
        SlotCalculator.Window window = new SlotCalculator.Window(start, start.plusSeconds(1),
                now.plus(Duration.ofMinutes(minNoticeMinutes)), now.plus(Duration.ofDays(horizonDays)),
                Duration.ofMinutes(bufferMinutes));
        return SlotCalculator.slots(rules, overrides, timeOff, window).stream()
                .filter(slot -> slot.start().toInstant().equals(start))
                .findFirst();
    }
}
