package org.clinic.scheduling.doctor.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.clinic.common.cache.VersionedCache;
import org.clinic.common.paging.Page;

/**
 * Redis cache of the doctor directory's pages (the same answer for every patient), one version for
 * the whole directory: creating, changing or deactivating any doctor invalidates it once committed.
 * Searches by location or name are not cached: a location comes from availability rules, which
 * change far more often than profiles, and free-text names would fill Redis with one-off entries.
 */
@ApplicationScoped
@RegisterForReflection(targets = {Page.class, DoctorResource.DoctorView.class}) // read back by ObjectMapper directly
public class DirectoryCache {

    static final Duration TTL = Duration.ofMinutes(10);
    private static final String SCOPE = "all";

    private final VersionedCache<Page<DoctorResource.DoctorView>> cache;

    public DirectoryCache(ReactiveRedisDataSource redis, ObjectMapper mapper, MeterRegistry meters) {
        this.cache = new VersionedCache<>("directory", TTL,
                mapper.getTypeFactory().constructParametricType(Page.class, DoctorResource.DoctorView.class), mapper, redis, meters,
                128);
    }

    public Uni<Page<DoctorResource.DoctorView>> get(String query, Supplier<Uni<Page<DoctorResource.DoctorView>>> compute) {
        return cache.get(SCOPE, query, compute);
    }

    /** After a doctor's profile or status change committed. */
    public Uni<Void> invalidate() {
        return cache.invalidate(SCOPE);
    }
}
