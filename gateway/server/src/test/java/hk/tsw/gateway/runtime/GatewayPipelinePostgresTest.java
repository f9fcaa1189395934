package hk.tsw.gateway.runtime;

import java.util.Map;

import hk.tsw.gateway.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** The same pipeline tests with PostgreSQL (the local server, a fresh schema) as the message store. */
class GatewayPipelinePostgresTest extends GatewayPipelineContract {

    @BeforeAll
    static void start() throws Exception {
        startWith(Map.of("gateway.db.url", TestDatabases.postgresUrl(), "gateway.db.user", "postgres",
                "gateway.db.password", ""));
    }
}
