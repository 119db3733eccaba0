package dev.iampreflight.core;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which branches on the environment a target decides, with and without knowing its whole environment. */
class RuntimeEnvironmentTest {

    private static final SymbolicValue FEATURE = new SymbolicValue.EnvVar("FEATURE", Optional.empty());

    private static Map<String, String> complete(Map<String, String> env, String... written) {
        Map<String, String> out = new HashMap<>(env);
        RuntimeEnvironment.markComplete(out, Set.of(written));
        return out;
    }

    @Test
    void aVariableIsAbsentOnlyFromAWholeEnvironmentThatLacksItAndThatNoRuntimeOrCodeSets() {
        Map<String, String> whole = complete(Map.of("STAGE", "prod"), "SET_BY_CODE");
        assertTrue(RuntimeEnvironment.absent(whole, "FEATURE"));
        assertFalse(RuntimeEnvironment.absent(whole, "STAGE"));
        assertFalse(RuntimeEnvironment.absent(whole, "SET_BY_CODE"));
        assertFalse(RuntimeEnvironment.absent(whole, "AWS_REGION"), "set by the Lambda runtime");
        assertFalse(RuntimeEnvironment.absent(whole, "_HANDLER"), "set by the Lambda runtime");
        assertFalse(RuntimeEnvironment.absent(whole, "LAMBDA_TASK_ROOT"), "set by the Lambda runtime");
        assertFalse(RuntimeEnvironment.absent(Map.of("STAGE", "prod"), "FEATURE"), "not known whole");
    }

    @Test
    void branchesOnAnAbsentVariableAreDecidedOnlyWhenTheEnvironmentIsWhole() {
        Map<String, String> whole = complete(Map.of("STAGE", "prod"));
        Map<String, String> partial = Map.of("STAGE", "prod");
        Condition in = new Condition.Defined("FEATURE");
        assertEquals(Optional.of(false), in.decide(whole));
        assertEquals(Optional.empty(), in.decide(partial));
        assertEquals(Optional.of(true), new Condition.Defined("STAGE").decide(partial));
        assertEquals(Optional.of(true), new Condition.Not(in).decide(whole));
        // if os.environ.get('FEATURE'): ... is None there.
        assertEquals(Optional.of(false), new Condition.Truthy(FEATURE).decide(whole));
        assertEquals(Optional.empty(), new Condition.Truthy(FEATURE).decide(partial));
        // None equals no string: == is false, != true.
        Condition eq = new Condition.Equals(FEATURE, List.of(SymbolicValue.literal("on")), false);
        assertEquals(Optional.of(false), eq.decide(whole));
        assertEquals(Optional.of(true), new Condition.Equals(FEATURE, List.of(SymbolicValue.literal("on")), true)
                .decide(whole));
        assertEquals(Optional.empty(), eq.decide(partial));
        // A default given to os.environ.get is what an absent variable reads as, whatever the marker.
        SymbolicValue withDefault = new SymbolicValue.EnvVar("FEATURE", Optional.of(SymbolicValue.literal("on")));
        assertEquals(Optional.of(true), new Condition.Equals(withDefault, List.of(SymbolicValue.literal("on")),
                false).decide(whole));
    }

    @Test
    void definedReadsTheEnvironmentAndIsNeverDecidedByTheScannerAlone() {
        Condition in = new Condition.Defined("FEATURE");
        assertTrue(in.readsEnvironment());
        assertFalse(in.isStatic());
        assertEquals("'FEATURE' in env", in.describe());
    }
}
