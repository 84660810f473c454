package org.clinic.scheduling.availability.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.clinic.common.cache.VersionedCache;
import org.clinic.scheduling.availability.SlotCalculator;

/**
 * Redis cache of a doctor's free slots per search window, versioned per doctor: every change of
 * their bookings, availability, time off or booking settings calls {@link #invalidate} once it
 * committed, so a search after the change never reads what was computed before it. Entries live
 * {@link #TTL} at most. Booking never reads this cache: it checks its slot against the doctor's
 * schedule kept in process ({@link DoctorSchedules}), whose version its statement re-checks, and
 * the database's exclusion constraint has the last word.
 */
@ApplicationScoped
@RegisterForReflection(targets = {SlotCalculator.Slot.class, SlotCache.Entry.class}) // read and written by ObjectMapper directly
public class SlotCache {

    static final Duration TTL = Duration.ofSeconds(60);
    /**
     * About 25 KB each for a week of half-hour slots, so some 25 MB of heap: one search window and
     * one next-available window for each of 500 doctors.
     */
    private static final int KEPT_IN_PROCESS = 1024;

    /**
     * A doctor's free slots in a window, with the two settings a search cuts them by as of now:
     * a hit answers without asking PostgreSQL anything (a settings change or a deactivation
     * invalidates like a booking does).
     */
    public record Entry(int minNoticeMinutes, int horizonDays, List<SlotCalculator.Slot> slots) {
        /** Earliest first: a search can stop at the end of its window or after enough matches. */
        public Entry {
            slots = slots.stream().sorted(java.util.Comparator.comparing(slot -> slot.start().toInstant())).toList();
        }
    }

    private final VersionedCache<Entry> cache;

    public SlotCache(ReactiveRedisDataSource redis, ObjectMapper mapper, MeterRegistry meters) {
        // Slots keep the offset of their zone: no adjusting to UTC when read back.
        ObjectMapper slotMapper = mapper.copy().disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        this.cache = new VersionedCache<>("slot", TTL, slotMapper.constructType(Entry.class), slotMapper, redis, meters,
                KEPT_IN_PROCESS);
    }

    /** The cached slots of this doctor and window, or {@code compute}'s, cached for the next search. */
    public Uni<Entry> get(UUID doctorId, Instant from, Instant to, Supplier<Uni<Entry>> compute) {
        return cache.get(doctorId.toString(), from + ":" + to, compute);
    }

    /** The cached entries of these doctors for this window (value null on a miss), in their order; see {@link #put}. */
    public Uni<List<VersionedCache.Lookup<Entry>>> lookupAll(List<UUID> doctorIds, Instant from, Instant to) {
        return cache.lookupAll(doctorIds.stream().map(UUID::toString).toList(), from + ":" + to);
    }

    /** Stores an entry computed after {@link #lookupAll} missed. */
    public Uni<Void> put(VersionedCache.Lookup<Entry> missed, Entry entry) {
        return cache.put(missed, entry);
    }

    /** After a change of the doctor's slots committed: searches from now on compute afresh. */
    public Uni<Void> invalidate(UUID doctorId) {
        return cache.invalidate(doctorId.toString());
    }
}
