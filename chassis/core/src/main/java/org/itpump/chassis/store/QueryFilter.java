package org.itpump.chassis.store;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Optional filters of an ops query (?status=..&pathwayId=..&from=..). Only the given ones reach the query:
 * PostgreSQL cannot infer the type of a parameter that is only compared with null.
 */
public final class QueryFilter {

    private static final String ROW = "{e}";
    private static final String CURSOR_PARAMETER = "pageCursor";
    private final List<String> clauses = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    public static QueryFilter create() {
        return new QueryFilter();
    }

    public QueryFilter equal(String field, Object valueOrNull) {
        if (valueOrNull != null) {
            clauses.add(ROW + field + " = :" + field);
            parameters.and(field, valueOrNull);
        }
        return this;
    }

    /** field is null (true) or is not null (false); no clause when null. */
    public QueryFilter isNull(String field, Boolean nullOrNot) {
        if (nullOrNot != null) {
            clauses.add(ROW + field + (nullOrNot ? " is null" : " is not null"));
        }
        return this;
    }

    /** field >= value (inclusive lower bound of a range). */
    public QueryFilter atLeast(String field, Object valueOrNull) {
        return compare(field, ">=", "From", valueOrNull);
    }

    /** field < value (exclusive upper bound of a range). */
    public QueryFilter before(String field, Object valueOrNull) {
        return compare(field, "<", "Before", valueOrNull);
    }

    private QueryFilter compare(String field, String operator, String suffix, Object valueOrNull) {
        if (valueOrNull != null) {
            clauses.add(ROW + field + " " + operator + " :" + field + suffix);
            parameters.and(field + suffix, valueOrNull);
        }
        return this;
    }

    /** Every matching row, unbounded: only for lists that are small by nature. List endpoints use {@link #page}. */
    public <E> Uni<List<E>> list(PanacheRepositoryBase<E, ?> repository, Sort sort) {
        return clauses.isEmpty()
                ? repository.listAll(sort)
                : repository.list(where(""), sort, parameters);
    }

    /**
     * One page of the matching rows in the keyset's order, starting after the request's cursor row. Reads one row
     * more than the page to know whether a next page exists.
     */
    public <E> Uni<Page<E>> page(PanacheRepositoryBase<E, UUID> repository, Keyset<E> order, PageRequest request) {
        return page(repository::find, order, request);
    }

    /**
     * The same for an active-record entity, e.g. {@code (query, parameters) -> RoomEntity.find(query, parameters)}.
     */
    public <E> Uni<Page<E>> page(BiFunction<String, Parameters, PanacheQuery<E>> finder, Keyset<E> order,
                                 PageRequest request) {
        int limit = request.limit();
        Optional<UUID> after = request.after();
        List<String> conditions = new ArrayList<>();
        if (!clauses.isEmpty()) {
            conditions.add(where("r."));
        }
        Parameters bound = new Parameters();
        parameters.map().forEach(bound::and);
        after.ifPresent(cursor -> {
            conditions.add(order.after("r", CURSOR_PARAMETER));
            bound.and(CURSOR_PARAMETER, cursor);
        });
        String query = "from " + order.entityName() + " r"
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions)) + order.orderBy("r");
        // range() is inclusive at both ends: limit + 1 rows
        return finder.apply(query, bound).range(0, limit).list().map(rows -> {
            if (rows.size() <= limit) {
                return new Page<>(rows, Optional.empty());
            }
            List<E> shown = rows.subList(0, limit);
            return new Page<>(List.copyOf(shown), Optional.of(PageRequest.cursorAfter(order.idOf(shown.get(limit - 1)))));
        });
    }

    private String where(String alias) {
        return String.join(" and ", clauses).replace(ROW, alias);
    }
}
