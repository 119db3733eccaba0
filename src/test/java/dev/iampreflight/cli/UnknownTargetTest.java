package dev.iampreflight.cli;

import org.junit.jupiter.api.Test;

import static dev.iampreflight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A --target that names no target lists the project's targets, so a typo is one look away (#14). */
class UnknownTargetTest {

    @Test
    void anUnknownTargetListsTheExistingOnes() {
        CliRun r = run("check", "examples/chalice-orders", "--target", "chalice:prod:no_such");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("the project's deploy targets are ") && r.err().contains("chalice:prod:api_handler"),
                r.err());
    }
}
