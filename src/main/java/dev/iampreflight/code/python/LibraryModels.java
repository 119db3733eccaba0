package dev.iampreflight.code.python;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iampreflight.core.JsonTrees;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Models of third-party libraries that call AWS on the code's behalf (PynamoDB, AWS Lambda Powertools, pandas with
 * {@code s3://} paths, ...): one JSON file per library under {@code dev/iampreflight/code/libraries/}, listed in its
 * {@code index.txt}. Each says which functions, classes and methods of the library make which SDK operations and
 * which of their arguments become the operation's parameters. The format is documented in docs/libraries.md and every
 * bundled file is validated by {@code LibraryModelsTest}. Read-only and shared by every scan.
 */
public final class LibraryModels {

    private static final String BASE = "/dev/iampreflight/code/libraries/";
    private static volatile LibraryModels bundled;

    /** How a value is found: alternatives, the first one present wins. See docs/libraries.md, "Sources". */
    static final Pattern SOURCE = Pattern.compile(
            "(?:(?:s3bucket|s3key)\\()?(?:pos:-?\\d+|kw:[A-Za-z_][A-Za-z0-9_]*|arg:\\d+:[A-Za-z_][A-Za-z0-9_]*"
                    + "|(?:self|holder):[A-Za-z][A-Za-z0-9]*|meta:[A-Za-z_][A-Za-z0-9_]*|env:[A-Za-z_][A-Za-z0-9_]*|const:.*)"
                    + "(?:\\.[A-Za-z][A-Za-z0-9]*)?(?:\\[0\\])?\\)?");

    /** One library: its import names, the versions the model was read from, and what it calls. */
    public record Library(String file, String name, String pypi, List<String> imports, String versions,
                          String source, Map<String, Entry> functions, Map<String, Type> types, boolean transport) {
        // A library and its types refer to each other: compared by identity, never through that cycle.
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * A class of the library. {@code subclassed}: the project subclasses it and configures it in a nested
     * {@code class Meta} (PynamoDB's Model); otherwise the project calls it and its constructor arguments are kept.
     * {@code ids} are the values every call of the type's methods may use ({@code self:ID}). {@code anyReceiver}:
     * its methods also match where the receiver's type is unknown, but only through operations whose {@code when}
     * requires an argument to start with a fixed text (a pandas DataFrame's {@code to_csv('s3://...')}: the URL, not
     * the method name, says it is S3).
     */
    public record Type(Library library, String name, List<String> aliases, boolean subclassed, boolean anyReceiver,
                       Map<String, List<String>> ids, Map<String, Entry> methods, String source) {
    }

    /**
     * A function, method or decorator: the SDK operations it makes, and what its call returns ({@code instance}: an
     * object of the same type, e.g. PynamoDB's {@code Model.get}; {@code self}: the receiver itself; {@code holder}:
     * an instance of the class whose body assigns the receiver, e.g. the model of a PynamoDB index).
     * {@code on}: {@code class} or {@code instance} when the method exists only there, else {@code any}.
     */
    public record Entry(String name, List<Op> calls, String returns, String on, String source) {
    }

    /**
     * One SDK operation ({@code service} as boto3 names it, {@code operation} in CamelCase) with its parameters, each
     * from a list of sources. {@code when}: source -> Python literal text the argument must be written as for the
     * operation to happen ({@code kw:decrypt -> True}); {@code versions}: the library versions that make it
     * ({@code <5.3.0}), empty for all; {@code note}: why, shown with the call. {@code sometimes}: the run-time
     * circumstance under which the library makes the call (X-Ray segments are sent only for a sampled trace), empty
     * when it always does; such a call is never a certain denial.
     */
    public record Op(String service, String operation, Map<String, List<String>> args, Map<String, String> when,
                     String versions, String note, String sometimes, Request request) {
        public Op(String service, String operation, Map<String, List<String>> args, Map<String, String> when,
                  String versions, String note, String sometimes) {
            this(service, operation, args, when, versions, note, sometimes, null);
        }
    }

    /**
     * A signed HTTP request instead of an SDK operation (docs/libraries.md, "Signed HTTP requests"): the library signs
     * a request with SigV4 and IAM authorizes it by an action the request's service, method and URL decide
     * ({@code execute-api:Invoke} on the API's method ARN, {@code es:ESHttpGet} on the domain's path, ...). Each field
     * is a list of sources: {@code signer} must give the name of a modelled signer (a library object whose type has
     * the id {@code Signer}), else the request is not AWS's (plain {@code requests.get} with no signer, or basic auth);
     * {@code service}, {@code region}, {@code keys} (explicit access keys: not the target's own credentials),
     * {@code method}, and either {@code url} or {@code host} with {@code path}, a template whose {@code {SOURCE}}
     * parts are arguments ({@code /{arg:1:index}/_search}; an absent one is left out with its slash).
     */
    public record Request(Map<String, List<String>> fields, String path) {
    }

    private final List<Library> libraries;
    private final Map<String, Entry> functions = new LinkedHashMap<>();
    private final Map<String, Type> types = new LinkedHashMap<>();
    private final Map<String, Library> byImport = new LinkedHashMap<>();
    private final List<Type> anyReceiver = new ArrayList<>();
    /** PyPI package (lower case) -> why it is known to call AWS, for packages no model covers. */
    private final Map<String, String> unmodelled;

    LibraryModels(List<Library> libraries, Map<String, String> unmodelled) {
        this.libraries = List.copyOf(libraries);
        this.unmodelled = Map.copyOf(unmodelled);
        for (Library l : libraries) {
            functions.putAll(l.functions());
            for (Type t : l.types().values()) {
                types.put(t.name(), t);
                if (t.anyReceiver()) {
                    anyReceiver.add(t);
                }
                t.aliases().forEach(a -> types.put(a, t));
            }
            l.imports().forEach(i -> byImport.put(i, l));
        }
    }

    public static LibraryModels bundled() {
        LibraryModels b = bundled;
        if (b == null) {
            synchronized (LibraryModels.class) {
                if (bundled == null) {
                    List<Library> libs = new ArrayList<>();
                    for (String f : lines("index.txt")) {
                        libs.add(parse(f, readTree(f)));
                    }
                    Map<String, String> unmodelled = new LinkedHashMap<>();
                    for (String line : lines("unmodelled.txt")) {
                        String[] p = line.split("\\s+", 2);
                        unmodelled.put(p[0].toLowerCase(java.util.Locale.ROOT), p.length > 1 ? p[1] : "");
                    }
                    bundled = new LibraryModels(libs, unmodelled);
                }
                b = bundled;
            }
        }
        return b;
    }

    public List<Library> libraries() {
        return libraries;
    }

    /** A modelled function or decorator by the qualified name it is imported as. */
    Optional<Entry> function(String qname) {
        return Optional.ofNullable(functions.get(qname));
    }

    /** A modelled class by the qualified name it is imported as. */
    Optional<Type> type(String qname) {
        return Optional.ofNullable(types.get(qname));
    }

    /** Types whose methods also match on receivers of unknown type (each call guarded by a fixed prefix). */
    List<Type> anyReceiverTypes() {
        return anyReceiver;
    }

    /** Whether a module name belongs to a modelled library (its top-level import or a submodule). */
    Optional<Library> libraryOf(String module) {
        for (String m = module; !m.isEmpty(); m = m.contains(".") ? m.substring(0, m.lastIndexOf('.')) : "") {
            Library l = byImport.get(m);
            if (l != null) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a module belongs to a general transport library ({@code requests}): modelled only for the signed requests
     * it sends, its objects are otherwise no AWS clients.
     */
    boolean transport(String module) {
        return libraryOf(module).map(Library::transport).orElse(false);
    }

    /** Whether a PyPI package has a model. */
    boolean modelled(String pypi) {
        String p = normal(pypi);
        return libraries.stream().anyMatch(l -> normal(l.pypi()).equals(p));
    }

    /** Why an unmodelled PyPI package is known to call AWS, if it is. */
    Optional<String> unmodelled(String pypi) {
        return Optional.ofNullable(unmodelled.get(normal(pypi)));
    }

    public Map<String, String> unmodelledPackages() {
        return unmodelled;
    }

    /** PEP 503 normal form of a package name. */
    static String normal(String pypi) {
        return pypi.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    // ------------------------------------------------------------------------------------------------------ reading

    private static List<String> lines(String name) {
        try (InputStream in = LibraryModels.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + BASE + name);
            }
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add(l.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readTree(String name) {
        try (InputStream in = LibraryModels.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + BASE + name);
            }
            // Read without an ObjectMapper (JsonTrees): setting one up was about a tenth of a small check's CPU.
            JsonNode n = JsonTrees.read(in);
            if (n == null) {
                throw new IllegalStateException("bundled resource is empty: " + BASE + name);
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Top-level fields of a library file; anything else is a mistake in the file. */
    static final Set<String> LIBRARY_FIELDS = Set.of("$comment", "library", "pypi", "imports", "versions", "source",
            "functions", "types", "transport");
    static final Set<String> TYPE_FIELDS = Set.of("$comment", "aliases", "subclassed", "anyReceiver", "ids", "methods",
            "source");
    static final Set<String> ENTRY_FIELDS = Set.of("$comment", "aliases", "calls", "returns", "on", "source");
    static final Set<String> OP_FIELDS = Set.of("$comment", "call", "args", "when", "versions", "note",
            "sometimes", "request");
    static final Set<String> REQUEST_FIELDS = Set.of("$comment", "signer", "service", "region", "keys", "method", "url",
            "host", "path");
    /** {@code {SOURCE}} in a request's path template. */
    static final Pattern PATH_PART = Pattern.compile("\\{([^{}]+)}");

    /** Parses one library file; throws IllegalArgumentException naming the file and field on a malformed one. */
    static Library parse(String file, JsonNode n) {
        check(n.isObject(), file, "", "a JSON object");
        unknownFields(n, LIBRARY_FIELDS, file, "");
        Map<String, Entry> functions = new LinkedHashMap<>();
        Map<String, Type> types = new LinkedHashMap<>();
        Library lib = new Library(file, text(n, "library", file, ""), text(n, "pypi", file, ""),
                strings(n.path("imports"), file, "imports"), text(n, "versions", file, ""),
                text(n, "source", file, ""), functions, types, n.path("transport").asBoolean(false));
        check(!lib.imports().isEmpty(), file, "imports", "at least one import name");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("functions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Entry entry = entry(e.getKey(), e.getValue(), file, "functions." + e.getKey());
            functions.put(e.getKey(), entry);
            for (String alias : strings(e.getValue().path("aliases"), file, "functions." + e.getKey() + ".aliases")) {
                functions.put(alias, entry);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("types").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "types." + e.getKey();
            JsonNode t = e.getValue();
            unknownFields(t, TYPE_FIELDS, file, at);
            Map<String, Entry> methods = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> m = t.path("methods").fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> me = m.next();
                Entry entry = entry(me.getKey(), me.getValue(), file, at + ".methods." + me.getKey());
                methods.put(me.getKey(), entry);
                for (String alias : strings(me.getValue().path("aliases"), file, at + ".methods." + me.getKey())) {
                    methods.put(alias, entry);
                }
            }
            boolean anyReceiver = t.path("anyReceiver").asBoolean(false);
            for (Entry m : methods.values()) {
                for (Op op : m.calls()) {
                    // Matching by name needs other evidence that the call is AWS: a fixed prefix such as 's3://'.
                    check(!anyReceiver || op.when().values().stream().anyMatch(w -> w.length() > 2
                                    && w.endsWith("*")), file, at + ".methods." + m.name(),
                            "a 'when' with a fixed prefix such as 's3://*' on every call (anyReceiver)");
                }
            }
            types.put(e.getKey(), new Type(lib, e.getKey(), strings(t.path("aliases"), file, at + ".aliases"),
                    t.path("subclassed").asBoolean(false), anyReceiver, sources(t.path("ids"), file, at + ".ids"),
                    methods, text(t, "source", file, at)));
        }
        return lib;
    }

    private static Entry entry(String name, JsonNode n, String file, String at) {
        unknownFields(n, ENTRY_FIELDS, file, at);
        List<Op> ops = new ArrayList<>();
        int i = 0;
        for (JsonNode c : n.path("calls")) {
            String cat = at + ".calls[" + i++ + "]";
            unknownFields(c, OP_FIELDS, file, cat);
            if (c.has("request")) {
                check(!c.has("call") && !c.has("args"), file, cat, "either 'call' (with 'args') or 'request'");
                ops.add(new Op("", "", Map.of(), whens(c, file, cat), "", "", c.path("sometimes").asText(""),
                        request(c.path("request"), file, cat + ".request")));
                continue;
            }
            String call = text(c, "call", file, cat);
            int dot = call.indexOf('.');
            check(dot > 0 && Character.isUpperCase(call.charAt(dot + 1)), file, cat + ".call",
                    "'service.Operation' (boto3 service name, CamelCase operation), not '" + call + "'");
            Map<String, String> when = whens(c, file, cat);
            String versions = c.path("versions").asText("");
            check(versions.isEmpty() || versions.matches("(<|<=|>=|>)\\d+(\\.\\d+)*"), file, cat + ".versions",
                    "one bound such as '<5.3.0', not '" + versions + "'");
            check(versions.isEmpty() || c.path("note").asText("").length() > 10, file, cat + ".note",
                    "a note saying why only some versions make the call");
            ops.add(new Op(call.substring(0, dot), call.substring(dot + 1), sources(c.path("args"), file, cat + ".args"),
                    when, versions, c.path("note").asText(""), c.path("sometimes").asText("")));
        }
        String returns = n.path("returns").asText("");
        check(Set.of("", "instance", "self", "holder").contains(returns), file, at + ".returns",
                "'instance', 'self' or 'holder'");
        String on = n.path("on").asText("any");
        check(Set.of("any", "class", "instance").contains(on), file, at + ".on", "'any', 'class' or 'instance'");
        check(!ops.isEmpty() || !returns.isEmpty(), file, at, "calls or returns");
        return new Entry(name, ops, returns, on, n.path("source").asText(""));
    }

    private static Map<String, String> whens(JsonNode c, String file, String cat) {
        Map<String, String> when = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("when").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> w = it.next();
            check(SOURCE.matcher(w.getKey()).matches(), file, cat + ".when", "a source, not '" + w.getKey() + "'");
            when.put(w.getKey(), w.getValue().asText());
        }
        return when;
    }

    private static Request request(JsonNode r, String file, String at) {
        unknownFields(r, REQUEST_FIELDS, file, at);
        String path = r.path("path").asText("");
        check(!r.has("path") || r.path("path").isTextual() && path.startsWith("/"), file, at + ".path",
                "a path template starting with '/'");
        java.util.regex.Matcher m = PATH_PART.matcher(path);
        while (m.find()) {
            check(SOURCE.matcher(m.group(1)).matches(), file, at + ".path", "{SOURCE} parts, not '{" + m.group(1) + "}'");
        }
        com.fasterxml.jackson.databind.node.ObjectNode fields = r.deepCopy();
        fields.remove("path");
        fields.remove("$comment");
        Map<String, List<String>> f = sources(fields, file, at);
        check(f.containsKey("signer") && f.containsKey("method"), file, at, "'signer' and 'method'");
        check(f.containsKey("url") != f.containsKey("host") && f.containsKey("host") == r.has("path"), file, at,
                "either 'url', or 'host' and 'path'");
        return new Request(f, path);
    }

    private static Map<String, List<String>> sources(JsonNode n, String file, String at) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> alts = e.getValue().isTextual() ? List.of(e.getValue().asText())
                    : strings(e.getValue(), file, at + "." + e.getKey());
            for (String s : alts) {
                check(SOURCE.matcher(s).matches(), file, at + "." + e.getKey(), "a source such as 'arg:0:name', "
                        + "'kw:name', 'self:TableName', 'meta:table_name', 'env:NAME', 'const:text', not '" + s + "'");
            }
            out.put(e.getKey(), alts);
        }
        return out;
    }

    private static List<String> strings(JsonNode n, String file, String at) {
        List<String> out = new ArrayList<>();
        if (n.isMissingNode()) {
            return out;
        }
        check(n.isArray(), file, at, "a list of strings");
        for (JsonNode s : n) {
            check(s.isTextual(), file, at, "a list of strings");
            out.add(s.asText());
        }
        return out;
    }

    private static String text(JsonNode n, String field, String file, String at) {
        JsonNode v = n.path(field);
        check(v.isTextual() && !v.asText().isBlank(), file, at.isEmpty() ? field : at + "." + field, "a string");
        return v.asText();
    }

    private static void unknownFields(JsonNode n, Set<String> known, String file, String at) {
        check(n.isObject(), file, at, "a JSON object");
        // The message is built only for a field that fails: building it for every field was most of the reading.
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                check(false, file, at.isEmpty() ? f : at + "." + f,
                        "one of " + new java.util.TreeSet<>(known) + " (unknown field)");
            }
        }
    }

    private static void check(boolean ok, String file, String at, String wanted) {
        if (!ok) {
            throw new IllegalArgumentException(file + ": " + (at.isEmpty() ? "" : at + ": ") + "expected " + wanted);
        }
    }
}
