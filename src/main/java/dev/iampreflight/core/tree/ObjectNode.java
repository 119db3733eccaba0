package dev.iampreflight.core.tree;

import dev.iampreflight.core.SourceLocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A mapping in source order. When a key is written twice the last value wins, as AWS's own JSON reader does; the
 * duplicates are kept in {@link #duplicateKeys()} so a reader can report them.
 */
public record ObjectNode(List<Field> fields, List<Field> duplicateKeys, SourceLocation location, Optional<String> tag)
        implements Node {

    /** One {@code key: value} pair; {@code keyLocation} points at the key itself. */
    public record Field(String key, SourceLocation keyLocation, Node value) {
    }

    public ObjectNode {
        fields = List.copyOf(fields);
        duplicateKeys = List.copyOf(duplicateKeys);
    }

    public static ObjectNode of(List<Field> fields, SourceLocation location) {
        return new ObjectNode(fields, List.of(), location, Optional.empty());
    }

    public Optional<Node> get(String key) {
        return field(key).map(Field::value);
    }

    public Optional<Field> field(String key) {
        for (Field f : fields) {
            if (f.key().equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The field whose key equals {@code key} ignoring case (used where AWS or a tool is lenient about case). */
    public Optional<Field> fieldIgnoreCase(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (Field f : fields) {
            if (f.key().toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>(fields.size());
        for (Field f : fields) {
            keys.add(f.key());
        }
        return keys;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public String kindName() {
        return "object";
    }
}
