package org.itpump.chassis.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The stable order of a paged list: sort keys, then the row id as the last tie-breaker, so every row has one place.
 * A key is an entity attribute ({@code "startedAt"}) or an HQL expression over the row written with {@code {e}}
 * for it ({@code "case {e}.urgency when 'EMERGENCY' then 0 else 1 end"}). The next page holds the rows after the
 * cursor's row in that order, compared with the cursor row's own key values in the database.
 */
public final class Keyset<E> {

    private record Key(String expression, boolean ascending) {
        String on(String alias) {
            return expression.contains("{e}") ? expression.replace("{e}", alias) : alias + "." + expression;
        }
    }

    private final Class<E> entity;
    private final Function<E, UUID> idOf;
    private final List<Key> keys;

    private Keyset(Class<E> entity, Function<E, UUID> idOf, List<Key> keys) {
        this.entity = entity;
        this.idOf = idOf;
        this.keys = keys;
    }

    /** Rows ordered by their id only; add keys with {@link #ascending} and {@link #descending}. */
    public static <E> Keyset<E> of(Class<E> entity, Function<E, UUID> idOf) {
        return new Keyset<>(entity, idOf, List.of());
    }

    public Keyset<E> ascending(String key) {
        return with(new Key(key, true));
    }

    public Keyset<E> descending(String key) {
        return with(new Key(key, false));
    }

    private Keyset<E> with(Key key) {
        List<Key> more = new ArrayList<>(keys);
        more.add(key);
        return new Keyset<>(entity, idOf, List.copyOf(more));
    }

    String entityName() {
        return entity.getSimpleName();
    }

    UUID idOf(E row) {
        return idOf.apply(row);
    }

    String orderBy(String alias) {
        StringBuilder order = new StringBuilder(" order by ");
        for (Key key : keys) {
            order.append(key.on(alias)).append(key.ascending() ? " asc, " : " desc, ");
        }
        return order.append(alias).append(".id asc").toString();
    }

    /**
     * "Comes after the cursor row": (k1 after c1) or (k1 = c1 and k2 after c2) ... or (all equal and id > cursor id),
     * where c is the cursor row's value, read by a subquery. Keys must not be null (they are columns every row has).
     */
    String after(String alias, String cursorParameter) {
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (Key key : keys) {
            String mine = key.on(alias);
            String cursors = "(select " + key.on("c") + " from " + entityName() + " c where c.id = :" + cursorParameter + ")";
            List<String> branch = new ArrayList<>(equalSoFar);
            branch.add(mine + (key.ascending() ? " > " : " < ") + cursors);
            alternatives.add("(" + String.join(" and ", branch) + ")");
            equalSoFar.add(mine + " = " + cursors);
        }
        List<String> last = new ArrayList<>(equalSoFar);
        last.add(alias + ".id > :" + cursorParameter);
        alternatives.add("(" + String.join(" and ", last) + ")");
        return "(" + String.join(" or ", alternatives) + ")";
    }
}
