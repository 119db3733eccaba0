package dev.iampreflight.policy;

import dev.iampreflight.core.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of Action/NotAction or Resource/NotResource: one string or an array of strings (AWS accepts both).
 * {@code negated} is true for the {@code Not...} form; {@code location} points at the element's key.
 */
public record ValueList(List<LocatedString> values, boolean negated, SourceLocation location) {

    public ValueList {
        values = List.copyOf(values);
    }

    public static ValueList of(boolean negated, String... values) {
        List<LocatedString> v = new ArrayList<>();
        for (String s : values) {
            v.add(LocatedString.synthetic(s));
        }
        return new ValueList(v, negated, SourceLocation.unknown());
    }

    public List<String> strings() {
        List<String> out = new ArrayList<>(values.size());
        for (LocatedString s : values) {
            out.add(s.value());
        }
        return out;
    }
}
