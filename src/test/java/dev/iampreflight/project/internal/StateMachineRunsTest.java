package dev.iampreflight.project.internal;

import dev.iampreflight.core.tree.TreeReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateMachineRunsTest {

    private static List<StateMachineRuns.Run> runs(String asl) {
        return StateMachineRuns.of(TreeReader.parse(asl, "sm.json", TreeReader.Format.JSON).root().orElseThrow());
    }

    @Test
    void theFamilyComesFromAnArnAFamilyWithRevisionOrAFamily() {
        assertEquals(Optional.of("loader"), StateMachineRuns.family("arn:aws:ecs:eu-west-1:1:task-definition/loader:7"));
        assertEquals(Optional.of("loader"), StateMachineRuns.family("arn:aws:ecs:{?}:{?}:task-definition/loader:{?}"));
        assertEquals(Optional.of("loader"), StateMachineRuns.family("loader:3"));
        assertEquals(Optional.of("loader"), StateMachineRuns.family("loader"));
        assertEquals(Optional.empty(), StateMachineRuns.family("arn:aws:ecs:{?}:{?}:task-definition/{?}"));
        assertEquals(Optional.empty(), StateMachineRuns.family("{?}"));
    }

    @Test
    void eachEcsStateGivesItsCommandAndNestedStatesCount() {
        List<StateMachineRuns.Run> r = runs("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Next": "P",
                        "Parameters": {"TaskDefinition": "steps", "Overrides": {"ContainerOverrides": [
                          {"Name": "c", "Command": ["-m", "steps.load", "--day", "{% $states.input.day %}"]}]}}},
                  "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {
                    "B": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken", "End": true,
                          "Arguments": {"TaskDefinition": "arn:aws:ecs:r:1:task-definition/steps:2",
                            "Overrides": {"ContainerOverrides": [{"Name": "c", "Command.$": "$.cmd"}]}}}}}]},
                  "L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
                }}""");
        assertEquals(2, r.size());
        assertEquals(Optional.of(List.of("-m", "steps.load", "--day", "{% $states.input.day %}")), r.get(0).command());
        assertFalse(r.get(0).dynamic(), "a computed argument after the module does not decide what runs");
        assertEquals("steps", r.get(1).family());
        assertTrue(r.get(1).dynamic());
        assertEquals("B", r.get(1).state());
    }

    @Test
    void aStateWithoutOverrideRunsTheImagesOwnCommand() {
        List<StateMachineRuns.Run> r = runs("""
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask",
                  "End": true, "Parameters": {"TaskDefinition": "steps"}}}}""");
        assertEquals(1, r.size());
        assertTrue(r.get(0).command().isEmpty());
        assertTrue(r.get(0).container().isEmpty());
        assertFalse(r.get(0).overrides(Optional.of("c"), 1));
    }

    @Test
    void theDecidingWordsEndAtTheModuleOrScript() {
        assertEquals(List.of("-m", "pkg.mod"), StateMachineRuns.decidingWords(List.of("-m", "pkg.mod", "--x", "y")));
        assertEquals(List.of("python", "main.py"), StateMachineRuns.decidingWords(List.of("python", "main.py", "a")));
    }
}
