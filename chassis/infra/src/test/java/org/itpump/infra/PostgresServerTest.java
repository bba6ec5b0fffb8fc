package org.itpump.infra;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresServerTest {

    @Test
    void embeddedServerCreatesDatabasesIdempotently() throws Exception {
        try (PostgresServer postgres = PostgresServer.embedded()) {
            postgres.createDatabaseIfMissing("itpump_probe");
            postgres.createDatabaseIfMissing("itpump_probe");
            try (Connection connection = postgres.connect("itpump_probe");
                 ResultSet result = connection.createStatement().executeQuery("select current_database()")) {
                assertTrue(result.next());
                assertEquals("itpump_probe", result.getString(1));
            }
            assertThrows(IllegalArgumentException.class, () -> postgres.recreateDatabase("x; drop table y"));
        }
    }

    @Test
    void eachDatabaseIsOwnedByItsOwnerRoleAndItsRuntimeRoleCannotCreateTables() throws Exception {
        try (PostgresServer postgres = PostgresServer.embedded()) { // PostgreSQL 14: schema public open to all by default
            PostgresServer.DatabaseRoles roles = postgres.recreateDatabase("itpump_roles_probe");
            assertEquals("itpump_roles_probe", roles.owner());
            assertEquals("itpump_roles_probe_runtime", roles.runtime());
            try (Connection connection = postgres.connect("itpump_roles_probe");
                 ResultSet result = connection.createStatement().executeQuery("select pg_get_userbyid(d.datdba),"
                         + " pg_get_userbyid(n.nspowner), r.rolsuper from pg_database d, pg_namespace n, pg_roles r"
                         + " where d.datname = current_database() and n.nspname = 'public' and r.rolname = '"
                         + roles.runtime() + "'")) {
                assertTrue(result.next());
                assertEquals(roles.owner(), result.getString(1), "the database's owner");
                assertEquals(roles.owner(), result.getString(2), "schema public's owner");
                assertEquals(false, result.getBoolean(3), "the runtime role is no superuser");
            }
            try (Connection owner = java.sql.DriverManager.getConnection(postgres.jdbcUrl("itpump_roles_probe"),
                    roles.owner(), roles.ownerPassword());
                 Connection runtime = java.sql.DriverManager.getConnection(postgres.jdbcUrl("itpump_roles_probe"),
                         roles.runtime(), roles.runtimePassword())) {
                owner.createStatement().execute("create table owned_by_owner (id int)");
                var refused = assertThrows(java.sql.SQLException.class,
                        () -> runtime.createStatement().execute("create table owned_by_runtime (id int)"));
                assertEquals("42501", refused.getSQLState(), refused.getMessage()); // insufficient_privilege
            }
        }
    }

    @Test
    void unreachableExternalServerGetsOneClearLine() {
        var refused = assertThrows(InfrastructureUnavailableException.class,
                () -> PostgresServer.external("postgresql://postgres@127.0.0.1:1"));
        assertTrue(refused.getMessage().contains("127.0.0.1:1 is not reachable"), refused.getMessage());
    }
}
