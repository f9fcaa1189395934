package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The start-up step line an operator reads after the ready line: each step's wall and process-CPU milliseconds. */
class BootStepsTest {

    @Test
    void each_step_is_named_with_its_wall_and_cpu_milliseconds_in_order() {
        BootSteps steps = new BootSteps();
        steps.done("config");
        steps.done("store");
        String line = steps.toString();
        assertTrue(line.matches("start-up steps \\(wall ms/process CPU ms\\): jvm \\d+/\\d+, config \\d+/\\d+, store \\d+/\\d+"),
                line);
    }
}
