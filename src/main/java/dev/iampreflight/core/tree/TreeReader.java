package dev.iampreflight.core.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads JSON or YAML into a {@link Node} tree with a location on every value. Never throws for bad input: what cannot
 * be read becomes a located {@link Finding} ({@code IAM0001} unparsable, {@code IAM0003} duplicate key,
 * {@code IAM0004} unreadable) and the caller goes on with the other files.
 */
public final class TreeReader {

    /** Larger inputs are refused: the biggest IAM document AWS accepts is 10,240 characters, templates 1 MB. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** What came out of one read: the tree if it could be built, and the findings in source order. */
    public record Result(Optional<Node> root, List<Finding> findings) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    public enum Format { JSON, YAML }

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(500)
            .maxStringLength(MAX_BYTES > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) MAX_BYTES)
            .build();

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            .build();

    private TreeReader() {
    }

    /** JSON for {@code .json} (and unknown endings), YAML for {@code .yaml}/{@code .yml}/{@code .template}. */
    public static Format formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? Format.YAML : Format.JSON;
    }

    /** Reads a file; {@code displayName} is what findings call it (usually the path relative to the project). */
    public static Result read(Path file, String displayName) {
        return read(file, displayName, formatOf(file));
    }

    public static Result read(Path file, String displayName, Format format) {
        byte[] bytes;
        try {
            bytes = InputFiles.readBytes(file, MAX_BYTES);
        } catch (NoSuchFileException e) {
            return failure(ReservedRules.UNREADABLE, displayName, 0, 0, "does not exist");
        } catch (IOException e) {
            return failure(ReservedRules.UNREADABLE, displayName, 0, 0, "cannot be read: " + e.getMessage());
        }
        return parse(bytes, displayName, format);
    }

    public static Result parse(String text, String displayName, Format format) {
        return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), displayName, format);
    }

    public static Result parse(byte[] bytes, String displayName, Format format) {
        return parse(bytes, displayName, format, java.util.function.UnaryOperator.identity());
    }

    /**
     * Parses text that was generated from another file (a rendered Jinja template): {@code relocate} maps every
     * location in the generated text to where it came from in the file the user wrote.
     */
    public static Result parse(byte[] bytes, String displayName, Format format,
                               java.util.function.UnaryOperator<SourceLocation> relocate) {
        if (isBlank(bytes)) {
            return failure(ReservedRules.UNPARSABLE, displayName, 1, 1,
                    "is empty; expected a " + (format == Format.JSON ? "JSON" : "YAML") + " document");
        }
        if (!hasUtf16Or32Bom(bytes)) {
            // Jackson would stop at the first bad byte with a message about "middle bytes", and SnakeYAML reads
            // some of them as replacement characters; AWS takes policies and templates as UTF-8 only.
            Optional<InputFiles.NotText> bad = InputFiles.firstMalformedUtf8(bytes,
                    InputFiles.hasUtf8Bom(bytes) ? 3 : 0, "UTF-8");
            if (bad.isPresent()) {
                return failure(ReservedRules.UNPARSABLE, displayName, bad.get().line(), bad.get().column(),
                        bad.get().getMessage());
            }
        }
        List<Finding> findings = new ArrayList<>();
        try (InputStream in = new java.io.ByteArrayInputStream(bytes);
             JsonParser p = format == Format.JSON ? JSON.createParser(in) : YAML.createParser(in)) {
            Builder b = new Builder(p, displayName, findings, relocate);
            JsonToken first = p.nextToken();
            if (first == null) {
                return failure(ReservedRules.UNPARSABLE, displayName, 1, 1, "holds no document");
            }
            Node root = b.value(first);
            JsonToken extra = p.nextToken();
            if (extra != null && format == Format.JSON) {
                SourceLocation at = b.here(p.currentTokenLocation());
                findings.add(new Finding(ReservedRules.UNPARSABLE, Severity.ERROR,
                        "unexpected content after the end of the JSON document", at));
                return new Result(Optional.empty(), findings);
            }
            return new Result(Optional.of(root), findings);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            int line = l == null ? 0 : l.getLineNr();
            int col = l == null ? 0 : l.getColumnNr();
            findings.add(new Finding(ReservedRules.UNPARSABLE, Severity.ERROR,
                    "is not valid " + (format == Format.JSON ? "JSON" : "YAML") + ": " + cleanMessage(e),
                    relocate.apply(new SourceLocation(displayName, Math.max(line, 1), Math.max(col, 1)))));
            return new Result(Optional.empty(), findings);
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports some errors (bad indentation, unknown escapes) as its own runtime exceptions.
            findings.add(new Finding(ReservedRules.UNPARSABLE, Severity.ERROR,
                    "is not valid " + (format == Format.JSON ? "JSON" : "YAML") + ": " + firstLine(e.getMessage()),
                    relocate.apply(new SourceLocation(displayName, 1, 1))));
            return new Result(Optional.empty(), findings);
        }
    }

    /** JSON may be UTF-16 or UTF-32 (RFC 4627); Jackson detects those from the first bytes. */
    private static boolean hasUtf16Or32Bom(byte[] b) {
        return b.length >= 2 && (((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF)
                || ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE)
                || (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF));
    }

    private static boolean isBlank(byte[] bytes) {
        int i = 0;
        // A UTF-8 byte order mark alone is still an empty file.
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            i = 3;
        }
        for (; i < bytes.length; i++) {
            byte c = bytes[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String cleanMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        if (e instanceof JsonParseException && m.contains("end-of-input")) {
            return "the file ends too early (truncated?): " + firstLine(m);
        }
        return firstLine(m);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static Result failure(String id, String file, int line, int col, String what) {
        return new Result(Optional.empty(),
                List.of(new Finding(id, Severity.ERROR, "'" + file + "' " + what, new SourceLocation(file, line, col))));
    }

    /** Builds the tree from the token stream, iteratively enough for ordinary depths (bounded by the constraints). */
    private static final class Builder {
        private final JsonParser p;
        private final String file;
        private final List<Finding> findings;
        /** YAML anchors (&name) seen so far, for the aliases (*name) that follow. */
        private final Map<String, Node> anchors = new HashMap<>();

        private final java.util.function.UnaryOperator<SourceLocation> relocate;

        Builder(JsonParser p, String file, List<Finding> findings,
                java.util.function.UnaryOperator<SourceLocation> relocate) {
            this.p = p;
            this.file = file;
            this.findings = findings;
            this.relocate = relocate;
        }

        SourceLocation here(JsonLocation l) {
            return relocate.apply(new SourceLocation(file, Math.max(l.getLineNr(), 1), Math.max(l.getColumnNr(), 1)));
        }

        private Optional<String> tag() throws IOException {
            if (p instanceof YAMLParser y) {
                String t = y.getTypeId();
                if (t != null && !t.isEmpty()) {
                    return Optional.of(t.startsWith("!") ? t : "!" + t);
                }
            }
            return Optional.empty();
        }

        Node value(JsonToken t) throws IOException {
            if (p instanceof YAMLParser y) {
                if (y.isCurrentAlias()) {
                    // *name repeats the value anchored &name (YAML 1.1/1.2); an unknown alias stays its text.
                    Node anchored = anchors.get(y.getText());
                    if (anchored != null) {
                        return anchored;
                    }
                }
                String anchor = y.getObjectId();
                Node n = plainValue(t);
                if (anchor != null) {
                    anchors.put(anchor, n);
                }
                return n;
            }
            return plainValue(t);
        }

        Node plainValue(JsonToken t) throws IOException {
            SourceLocation at = here(p.currentTokenLocation());
            Optional<String> tag = tag();
            switch (t) {
                case START_OBJECT: {
                    List<ObjectNode.Field> fields = new ArrayList<>();
                    List<ObjectNode.Field> dups = new ArrayList<>();
                    Map<String, Integer> index = new HashMap<>();
                    List<ObjectNode> merged = new ArrayList<>();
                    JsonToken k;
                    while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        SourceLocation keyAt = here(p.currentTokenLocation());
                        Node v = value(p.nextToken());
                        if (key.equals("<<") && p instanceof YAMLParser
                                && (v instanceof ObjectNode || v instanceof ArrayNode)) {
                            // YAML merge key: the keys of the merged maps, unless this map writes them itself.
                            if (v instanceof ObjectNode mo) {
                                merged.add(mo);
                            } else {
                                ((ArrayNode) v).items().forEach(i -> {
                                    if (i instanceof ObjectNode mo) {
                                        merged.add(mo);
                                    }
                                });
                            }
                            continue;
                        }
                        ObjectNode.Field f = new ObjectNode.Field(key, keyAt, v);
                        Integer prev = index.get(key);
                        if (prev != null) {
                            ObjectNode.Field old = fields.get(prev);
                            dups.add(old);
                            fields.set(prev, f);
                            findings.add(new Finding(ReservedRules.DUPLICATE_KEY, Severity.ERROR,
                                    "duplicate key '" + key + "' (first at line " + old.keyLocation().line()
                                            + "); only the last value is used", keyAt));
                        } else {
                            index.put(key, fields.size());
                            fields.add(f);
                        }
                    }
                    if (k != JsonToken.END_OBJECT) {
                        throw new JsonParseException(p, "unexpected " + k);
                    }
                    for (ObjectNode m : merged) {
                        for (ObjectNode.Field f : m.fields()) {
                            if (!index.containsKey(f.key())) {
                                index.put(f.key(), fields.size());
                                fields.add(f);
                            }
                        }
                    }
                    return new ObjectNode(fields, dups, at, tag);
                }
                case START_ARRAY: {
                    List<Node> items = new ArrayList<>();
                    JsonToken n;
                    while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (n == null) {
                            throw new JsonParseException(p, "unexpected end-of-input in an array");
                        }
                        items.add(value(n));
                    }
                    return new ArrayNode(items, at, tag);
                }
                case VALUE_STRING:
                    return new ScalarNode(ScalarNode.Kind.STRING, p.getText(), at, tag);
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return new ScalarNode(ScalarNode.Kind.NUMBER, p.getText(), at, tag);
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return new ScalarNode(ScalarNode.Kind.BOOLEAN, p.getText(), at, tag);
                case VALUE_NULL:
                    // A YAML tag on an empty value (e.g. "!Ref" alone, or "!GetAZs ''") still matters to readers.
                    return new ScalarNode(tag.isPresent() ? ScalarNode.Kind.STRING : ScalarNode.Kind.NULL,
                            tag.isPresent() ? "" : "null", at, tag);
                case VALUE_EMBEDDED_OBJECT:
                    return new ScalarNode(ScalarNode.Kind.STRING, String.valueOf(p.getEmbeddedObject()), at, tag);
                default:
                    throw new JsonParseException(p, "unexpected token " + t);
            }
        }
    }
}
