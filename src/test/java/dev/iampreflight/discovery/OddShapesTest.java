package dev.iampreflight.discovery;

import dev.iampreflight.core.Finding;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.ProjectOptions;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static dev.iampreflight.project.Fixtures.iac;
import static dev.iampreflight.project.Fixtures.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs of every wrong shape: located findings, targets where possible, never an internal error. */
class OddShapesTest {

    private static final Project PROJECT = ProjectDiscovery.discover(iac("odd-shapes"), ProjectOptions.defaults());

    @Test
    void noReaderFailsInternally() {
        List<Finding> internal = PROJECT.findings().stream().filter(f -> f.message().contains("internal error"))
                .collect(Collectors.toList());
        assertEquals(List.of(), internal);
    }

    @Test
    void everyFindingIsLocatedInAFile() {
        for (Finding f : PROJECT.findings()) {
            assertTrue(!f.location().file().isEmpty(), f.toString());
        }
    }

    @Test
    void targetsAreStillProduced() {
        List<String> names = names(PROJECT.targets());
        assertTrue(names.contains("sam:Fn1"), names.toString());
        assertTrue(names.contains("tf:aws_lambda_function.g"), names.toString());
        assertTrue(names.contains("tf:aws_instance.i"), names.toString());
        assertTrue(names.contains("tf:module.loop.aws_lambda_function.deep"), names.toString());
        assertTrue(names.contains("chalice:prod:api_handler"), names.toString());
    }

    @Test
    void problemsAreReported() {
        List<String> rules = PROJECT.findings().stream().map(Finding::ruleId).distinct().sorted()
                .collect(Collectors.toList());
        for (String expected : List.of("IAM0001", "IAM0002", "IAM0111", "IAM0112", "IAM0113", "IAM0121",
                "IAM0122")) {
            assertTrue(rules.contains(expected), expected + " in " + rules + "\n" + PROJECT.findings());
        }
    }
}
