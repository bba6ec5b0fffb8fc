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
    void unreachableExternalServerGetsOneClearLine() {
        var refused = assertThrows(InfrastructureUnavailableException.class,
                () -> PostgresServer.external("postgresql://postgres@127.0.0.1:1"));
        assertTrue(refused.getMessage().contains("127.0.0.1:1 is not reachable"), refused.getMessage());
    }
}
