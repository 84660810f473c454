package org.clinic.scheduling.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.clinic.scheduling.availability.SlotCalculator.Busy;
import org.clinic.scheduling.availability.SlotCalculator.DateOverride;
import org.clinic.scheduling.availability.SlotCalculator.Slot;
import org.clinic.scheduling.availability.SlotCalculator.WeeklyRule;
import org.clinic.scheduling.availability.SlotCalculator.Window;
import org.junit.jupiter.api.Test;

class SlotCalculatorTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static WeeklyRule rule(DayOfWeek day, String start, String end, int minutes, ZoneId zone) {
        return new WeeklyRule(UUID.randomUUID(), day, LocalTime.parse(start), LocalTime.parse(end), minutes, zone,
                LocalDate.of(2026, 1, 1), null, null, java.util.Set.of());
    }

    private static Window window(String from, String to) {
        Instant f = Instant.parse(from);
        Instant t = Instant.parse(to);
        return new Window(f, t, f, t, Duration.ZERO);
    }

    private static List<String> localStarts(List<Slot> slots, ZoneId zone) {
        return slots.stream().map(s -> s.start().atZoneSameInstant(zone).toLocalDateTime().toString()).toList();
    }

    @Test
    void aWeeklyRuleKeepsItsWallClockAcrossTheSpringChangeInBerlin() {
        // Mondays 09:00-10:00: 2026-03-23 is before the change (+01:00), 2026-03-30 after (+02:00).
        List<Slot> slots = SlotCalculator.slots(List.of(rule(DayOfWeek.MONDAY, "09:00", "10:00", 60, BERLIN)),
                List.of(), List.of(), window("2026-03-22T00:00:00Z", "2026-04-01T00:00:00Z"));
        assertThat(slots).extracting(s -> s.start().toString())
                .containsExactly("2026-03-23T09:00+01:00", "2026-03-30T09:00+02:00");
        assertThat(slots).allSatisfy(s -> assertThat(s.zone()).isEqualTo("Europe/Berlin"));
    }

    @Test
    void noSlotStartsInTheSpringGapAndNoneIsLongerOrShorter() {
        // 2026-03-29 in Berlin: 02:00 jumps to 03:00.
        List<Slot> slots = SlotCalculator.slots(List.of(rule(DayOfWeek.SUNDAY, "01:00", "04:00", 30, BERLIN)),
                List.of(), List.of(), window("2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"));
        assertThat(localStarts(slots, BERLIN)).containsExactly(
                "2026-03-29T01:00", "2026-03-29T01:30", "2026-03-29T03:00", "2026-03-29T03:30");
        assertThat(slots).allSatisfy(s -> assertThat(Duration.between(s.start(), s.end())).isEqualTo(Duration.ofMinutes(30)));
    }

    @Test
    void theRepeatedAutumnHourGivesOneSlotPerWallClockTime() {
        // 2026-10-25 in Berlin: 03:00 falls back to 02:00, so 02:00-03:00 happens twice.
        List<Slot> slots = SlotCalculator.slots(List.of(rule(DayOfWeek.SUNDAY, "01:00", "04:00", 30, BERLIN)),
                List.of(), List.of(), window("2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z"));
        assertThat(localStarts(slots, BERLIN)).containsExactly("2026-10-25T01:00", "2026-10-25T01:30",
                "2026-10-25T02:00", "2026-10-25T02:30", "2026-10-25T03:00", "2026-10-25T03:30");
        assertThat(slots.get(2).start().getOffset().toString()).isEqualTo("+02:00");
        assertThat(slots).extracting(Slot::start).doesNotHaveDuplicates();
    }

    @Test
    void newYorkMorningsStayAtNineThroughBothChanges() {
        List<WeeklyRule> rules = List.of(rule(DayOfWeek.SUNDAY, "09:00", "10:00", 60, NEW_YORK));
        List<Slot> spring = SlotCalculator.slots(rules, List.of(), List.of(),
                window("2026-03-01T00:00:00Z", "2026-03-09T00:00:00Z"));
        assertThat(spring).extracting(s -> s.start().toString())
                .containsExactly("2026-03-01T09:00-05:00", "2026-03-08T09:00-04:00");
        List<Slot> autumn = SlotCalculator.slots(rules, List.of(), List.of(),
                window("2026-10-25T00:00:00Z", "2026-11-02T00:00:00Z"));
        assertThat(autumn).extracting(s -> s.start().toString())
                .containsExactly("2026-10-25T09:00-04:00", "2026-11-01T09:00-05:00");
    }

    @Test
    void newYorkNightRuleSkipsTheMissingHourAndDoesNotRepeatTheDoubleOne() {
        List<WeeklyRule> rules = List.of(rule(DayOfWeek.SUNDAY, "01:00", "03:00", 60, NEW_YORK));
        assertThat(localStarts(SlotCalculator.slots(rules, List.of(), List.of(),
                window("2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z")), NEW_YORK))
                .containsExactly("2026-03-08T01:00");
        assertThat(localStarts(SlotCalculator.slots(rules, List.of(), List.of(),
                window("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z")), NEW_YORK))
                .containsExactly("2026-11-01T01:00", "2026-11-01T02:00");
    }

    @Test
    void busyTimeAndTheBufferAfterItRemoveSlots() {
        List<WeeklyRule> rules = List.of(rule(DayOfWeek.MONDAY, "09:00", "11:00", 30, BERLIN));
        // An appointment 09:30-10:00 (UTC+1 in January) followed by a 10-minute buffer: busy until 10:10.
        Busy appointment = new Busy(Instant.parse("2026-01-05T08:30:00Z"), Instant.parse("2026-01-05T09:10:00Z"));
        Window window = new Window(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"),
                Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"), Duration.ofMinutes(10));
        assertThat(localStarts(SlotCalculator.slots(rules, List.of(), List.of(appointment), window), BERLIN))
                // 09:00 would run into the appointment with its own buffer; 10:00 starts inside the busy buffer.
                .containsExactly("2026-01-05T10:30");
    }

    @Test
    void noticeHorizonAndOverridesNarrowTheSlots() {
        List<WeeklyRule> rules = List.of(rule(DayOfWeek.MONDAY, "09:00", "12:00", 60, BERLIN));
        Window window = new Window(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-20T00:00:00Z"),
                Instant.parse("2026-01-05T09:30:00Z"), Instant.parse("2026-01-12T09:00:00Z"), Duration.ZERO);
        List<DateOverride> overrides = List.of(new DateOverride(LocalDate.of(2026, 1, 12), LocalTime.parse("10:00"),
                LocalTime.parse("11:00")));
        assertThat(localStarts(SlotCalculator.slots(rules, overrides, List.of(), window), BERLIN))
                // 05 Jan: 09:00 and 10:00 are inside the notice; 12 Jan: only 10:00 by override; 19 Jan: past the horizon.
                .containsExactly("2026-01-05T11:00", "2026-01-12T10:00");

        List<DateOverride> closed = List.of(new DateOverride(LocalDate.of(2026, 1, 12), null, null));
        assertThat(localStarts(SlotCalculator.slots(rules, closed, List.of(), window), BERLIN))
                .containsExactly("2026-01-05T11:00");
    }
}
