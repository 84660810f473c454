package org.clinic.common.paging;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;
import org.clinic.common.problem.ProblemException;

/** One page of a list endpoint: {@code items}, the zero-based {@code page}, its {@code size} and {@code totalItems}. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {

    public static final int MAX_SIZE = 100;
    public static final String DEFAULT_SIZE = "20";
    /**
     * No page starts past this many items: PostgreSQL would read and drop them all (and
     * {@code page * size} overflowed int into a negative offset, a 500). Lists that long are narrowed
     * by their filters instead.
     */
    public static final int MAX_OFFSET = 10_000;
    /** The {@code @Max} of every {@code page} parameter (with size 1); {@link #fetch} holds larger sizes to {@link #MAX_OFFSET}. */
    public static final int MAX_PAGE = MAX_OFFSET;

    /**
     * Runs a Panache query as one page: the count, then the items (a reactive session runs one
     * query at a time). {@code query} must already carry its page. A page starting past
     * {@link #MAX_OFFSET} is refused: 400 naming {@code page}.
     */
    public static <E> Uni<Page<E>> fetch(PanacheQuery<E> query, int page, int size) {
        if ((long) page * size > MAX_OFFSET) {
            return Uni.createFrom().failure(ProblemException.invalidField("page",
                    "must not start past item " + MAX_OFFSET + " (page * size); narrow the filters instead"));
        }
        return query.count().chain(total -> query.list().map(items -> new Page<>(items, page, size, total)));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems);
    }
}
