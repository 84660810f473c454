package org.clinic.common.paging;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint: {@code items}, the zero-based {@code page}, its {@code size} and {@code totalItems}. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {

    public static final int MAX_SIZE = 100;
    public static final String DEFAULT_SIZE = "20";

    /**
     * Runs a Panache query as one page: the count, then the items (a reactive session runs one
     * query at a time). {@code query} must already carry its page.
     */
    public static <E> Uni<Page<E>> fetch(PanacheQuery<E> query, int page, int size) {
        return query.count().chain(total -> query.list().map(items -> new Page<>(items, page, size, total)));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems);
    }
}
