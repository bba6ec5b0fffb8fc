package org.itpump.chassis.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/**
 * Optional equality filters of an ops query (?status=..&pathwayId=..). Only the given ones reach the query:
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

    public <E> Uni<List<E>> list(PanacheRepositoryBase<E, ?> repository, Sort sort) {
        return clauses.isEmpty()
                ? repository.listAll(sort)
                : repository.list(String.join(" and ", clauses), sort, parameters);
    }
}
