package org.itpump.chassis.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/**
 * Optional filters of an ops query (?status=..&pathwayId=..&from=..). Only the given ones reach the query:
 * PostgreSQL cannot infer the type of a parameter that is only compared with null.
 */
public final class QueryFilter {

    private final List<String> clauses = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    public static QueryFilter create() {
        return new QueryFilter();
    }

    public QueryFilter equal(String field, Object valueOrNull) {
        if (valueOrNull != null) {
            clauses.add(field + " = :" + field);
            parameters.and(field, valueOrNull);
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
            clauses.add(field + " " + operator + " :" + field + suffix);
            parameters.and(field + suffix, valueOrNull);
        }
        return this;
    }

    public <E> Uni<List<E>> list(PanacheRepositoryBase<E, ?> repository, Sort sort) {
        return clauses.isEmpty()
                ? repository.listAll(sort)
                : repository.list(String.join(" and ", clauses), sort, parameters);
    }
}
