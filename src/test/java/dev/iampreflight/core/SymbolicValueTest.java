package dev.iampreflight.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SymbolicValueTest {

    static final SymbolicValue TABLE = new SymbolicValue.EnvVar("TABLE", Optional.empty());
    static final SymbolicValue WITH_DEFAULT = new SymbolicValue.EnvVar("T", Optional.of(SymbolicValue.literal("d")));

    @Test
    void resolvesEnvironmentVariablesPerTarget() {
        SymbolicValue v = SymbolicValue.concat(List.of(SymbolicValue.literal("arn-"), TABLE, SymbolicValue.literal("/x")));
        assertEquals("arn-orders/x", v.resolve(Map.of("TABLE", "orders")).render());
        assertEquals("arn-{?}/x", v.resolve(Map.of()).render());
        assertEquals("d", WITH_DEFAULT.resolve(Map.of()).render());
        assertEquals("set", WITH_DEFAULT.resolve(Map.of("T", "set")).render());
    }

    @Test
    void deployTargetValuesWithUnknownPartsStayUnknownThere() {
        SymbolicValue v = TABLE.resolve(Map.of("TABLE", "{?}-orders"));
        assertEquals("{?}-orders", v.render());
        assertEquals("? + '-orders'", v.describe());
        assertEquals(Optional.empty(), v.asLiteral());
    }

    @Test
    void concatenationMergesLiterals() {
        assertEquals(SymbolicValue.literal("abc"), SymbolicValue.concat(List.of(SymbolicValue.literal("a"),
                SymbolicValue.concat(List.of(SymbolicValue.literal("b"), SymbolicValue.literal("c"))))));
    }

    @Test
    void alternativesResolveAndCollapse() {
        SymbolicValue v = new SymbolicValue.OneOf(List.of(TABLE, SymbolicValue.literal("orders")));
        assertEquals(SymbolicValue.literal("orders"), v.resolve(Map.of("TABLE", "orders")));
        assertEquals(2, v.resolve(Map.of()).alternatives().size());
    }
}
