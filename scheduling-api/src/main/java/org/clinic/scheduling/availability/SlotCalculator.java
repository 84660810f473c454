package org.clinic.scheduling.availability;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Expands a doctor's weekly rules into bookable slots. Rules are wall-clock times in a zone: each
 * date's slots are placed on that date's clock, so a daylight-saving change neither shifts them nor
 * duplicates them. A wall-clock start that does not exist that day (spring gap) has no slot; one
 * that exists twice (autumn overlap) has one slot, at its first occurrence. Pure: no I/O.
 */
public final class SlotCalculator {

    private SlotCalculator() {
    }

    /** A weekly rule: on {@code day}, from {@code start} to {@code end} in {@code zone}, slots of {@code slotMinutes}. */
    public record WeeklyRule(UUID id, DayOfWeek day, LocalTime start, LocalTime end, int slotMinutes, ZoneId zone,
                             LocalDate validFrom, LocalDate validUntil, UUID locationId, Set<String> appointmentTypes) {

        boolean appliesTo(LocalDate date) {
            return date.getDayOfWeek() == day && !date.isBefore(validFrom) && (validUntil == null || !date.isAfter(validUntil));
        }
    }

    /** A date with other hours ({@code start}/{@code end}) or closed (both {@code null}); replaces the rules of that date. */
    public record DateOverride(LocalDate date, LocalTime start, LocalTime end) {
        boolean closed() {
            return start == null;
        }
    }

    /** Time that is not bookable: an appointment (with its buffer) or time off. Half-open. */
    public record Busy(Instant start, Instant end) {
    }

    /** A bookable slot, with offsets and the zone it was computed in; empty types mean any type. */
    public record Slot(OffsetDateTime start, OffsetDateTime end, String zone, UUID ruleId, UUID locationId,
                       Set<String> appointmentTypes) {

        public boolean offers(String type) {
            return type == null || appointmentTypes.isEmpty() || appointmentTypes.contains(type);
        }
    }

    /** What bounds a search: the window asked for, and what the doctor accepts (notice, horizon, buffer). */
    public record Window(Instant from, Instant to, Instant earliestStart, Instant latestStart, Duration buffer) {
    }

    public static List<Slot> slots(List<WeeklyRule> rules, List<DateOverride> overrides, List<Busy> busy, Window window) {
        Map<LocalDate, DateOverride> overrideByDate = overrides.stream()
                .collect(Collectors.toMap(DateOverride::date, Function.identity(), (a, b) -> a));
        List<Busy> sortedBusy = busy.stream().sorted(Comparator.comparing(Busy::start)).toList();
        List<Slot> slots = new ArrayList<>();
        for (WeeklyRule rule : rules) {
            // One day of margin each side: the window is in instants, the rule's dates are local.
            LocalDate first = LocalDate.ofInstant(window.from(), rule.zone()).minusDays(1);
            LocalDate last = LocalDate.ofInstant(window.to(), rule.zone()).plusDays(1);
            for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
                if (!rule.appliesTo(date)) {
                    continue;
                }
                LocalTime start = rule.start();
                LocalTime end = rule.end();
                DateOverride override = overrideByDate.get(date);
                if (override != null) {
                    if (override.closed()) {
                        continue;
                    }
                    start = override.start();
                    end = override.end();
                }
                addSlots(slots, rule, date, start, end, sortedBusy, window);
            }
        }
        slots.sort(Comparator.comparing(Slot::start));
        return slots;
    }

    private static void addSlots(List<Slot> slots, WeeklyRule rule, LocalDate date, LocalTime start, LocalTime end,
                                 List<Busy> busy, Window window) {
        Duration length = Duration.ofMinutes(rule.slotMinutes());
        for (LocalDateTime local = date.atTime(start);
             !local.plus(length).isAfter(date.atTime(end)) && local.toLocalDate().equals(date);
             local = local.plus(length)) {
            Optional<ZoneOffset> offset = firstOffset(local, rule.zone());
            if (offset.isEmpty()) {
                continue; // this wall-clock time does not exist today (spring-forward gap)
            }
            Instant slotStart = local.toInstant(offset.get());
            Instant slotEnd = slotStart.plus(length);
            if (slotStart.isBefore(window.from()) || !slotStart.isBefore(window.to())
                    || slotStart.isBefore(window.earliestStart()) || slotStart.isAfter(window.latestStart())
                    || overlaps(busy, slotStart, slotEnd.plus(window.buffer()))) {
                continue;
            }
            slots.add(new Slot(slotStart.atOffset(offset.get()), slotEnd.atZone(rule.zone()).toOffsetDateTime(),
                    rule.zone().getId(), rule.id(), rule.locationId(), rule.appointmentTypes()));
        }
    }

    /** The earlier offset in an overlap, none in a gap. */
    static Optional<ZoneOffset> firstOffset(LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        // In an overlap the larger offset (summer time) is the earlier instant.
        return offsets.stream().max(Comparator.comparingInt(ZoneOffset::getTotalSeconds));
    }

    private static boolean overlaps(List<Busy> busy, Instant start, Instant end) {
        for (Busy b : busy) {
            if (!b.start().isBefore(end)) {
                return false; // sorted by start: nothing later can overlap
            }
            if (b.end().isAfter(start)) {
                return true;
            }
        }
        return false;
    }
}
