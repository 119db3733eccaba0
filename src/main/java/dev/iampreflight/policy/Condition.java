package dev.iampreflight.policy;

import dev.iampreflight.core.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code operator: {key: values}} entry of a Condition block. {@code operator} is written as in the policy
 * (e.g. {@code ForAnyValue:StringLikeIfExists}); values are text, since IAM compares them as text after conversion.
 */
public record Condition(LocatedString operator, LocatedString key, List<LocatedString> values,
                        SourceLocation location) {

    public Condition {
        values = List.copyOf(values);
    }

    public List<String> valueStrings() {
        List<String> out = new ArrayList<>(values.size());
        for (LocatedString s : values) {
            out.add(s.value());
        }
        return out;
    }
}
