package hk.tsw.gateway.runtime;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** The pipeline tests on the embedded default: H2 as the message store. */
class GatewayPipelineTest extends GatewayPipelineContract {

    @BeforeAll
    static void start() throws Exception {
        startWith(Map.of());
    }
}
