package dev.iampreflight.policy;

import dev.iampreflight.core.SourceLocation;

import java.util.List;

/**
 * A statement's Condition element. All conditions must hold (AND); within one condition, any value may match (OR),
 * except for negated operators where none may (NOR).
 */
public record ConditionBlock(List<Condition> conditions, SourceLocation location) {

    public static final ConditionBlock EMPTY = new ConditionBlock(List.of(), SourceLocation.unknown());

    public ConditionBlock {
        conditions = List.copyOf(conditions);
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }
}
