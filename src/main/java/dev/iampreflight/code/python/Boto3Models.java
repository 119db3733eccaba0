package dev.iampreflight.code.python;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iampreflight.core.JsonTrees;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * boto3's resource models and the SDK waiter table, bundled as generated resources (see
 * {@code tools/scanner-data/generate.py}). Read-only and shared by every scan.
 */
public final class Boto3Models {

    private static final String BASE = "/dev/iampreflight/code/";
    private static volatile Boto3Models bundled;

    private final JsonNode resources;
    private final JsonNode waiters;

    private Boto3Models(JsonNode resources, JsonNode waiters) {
        this.resources = resources.path("services");
        this.waiters = waiters.path("services");
    }

    public static Boto3Models bundled() {
        Boto3Models b = bundled;
        if (b == null) {
            synchronized (Boto3Models.class) {
                if (bundled == null) {
                    bundled = new Boto3Models(read("boto3-resources.json"), read("waiters.json"));
                }
                b = bundled;
            }
        }
        return b;
    }

    private static JsonNode read(String name) {
        try (InputStream in = Boto3Models.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + name);
            }
            // Built straight from the token stream: an ObjectMapper costs ~0.3 s of CPU to set up in a cold JVM,
            // more than the rest of a small check together.
            return JsonTrees.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One identifier a resource constructor or request parameter takes: {@code target <- source[name|value]}. */
    public record Param(String target, String source, String name, String value, String path) {
    }

    /** A sub-resource reached by {@code has} (called like {@code s3.Bucket(name)}) or returned by an action. */
    public record ResourceRef(String type, List<Param> identifiers) {
    }

    /** A request: the client operation (CamelCase) and how its parameters are filled. */
    public record Request(String operation, List<Param> params) {
    }

    /**
     * A resource action ({@code Table.put_item}) or collection ({@code Bucket.objects}). {@code withData}: the
     * resources it gives come with their attributes from the response ({@code "path"} in the model), so reading
     * them loads nothing.
     */
    public record Action(String name, Request request, Optional<ResourceRef> resource, boolean withData) {
    }

    public boolean hasService(String service) {
        return resources.has(service);
    }

    /** The identifier names of a resource type, in constructor order ({@code Object}: BucketName, Key). */
    public List<String> identifiers(String service, String type) {
        List<String> out = new ArrayList<>();
        for (JsonNode id : resources.path(service).path("resources").path(type).path("identifiers")) {
            out.add(id.path("name").asText());
        }
        return out;
    }

    private JsonNode def(String service, String type) {
        return type == null ? resources.path(service).path("service")
                : resources.path(service).path("resources").path(type);
    }

    /** A {@code has} entry of the service resource ({@code type == null}) or a resource type, by Python name. */
    public Optional<ResourceRef> has(String service, String type, String pythonName) {
        JsonNode has = def(service, type).path("has");
        for (Map.Entry<String, JsonNode> e : has.properties()) {
            // boto3 names sub-resource constructors exactly as the model does: dynamodb.Table(...), bucket.Object(...).
            if (e.getKey().equals(pythonName)) {
                return Optional.of(ref(e.getValue().path("resource")));
            }
        }
        return Optional.empty();
    }

    /** An action by its Python name ({@code put_item}) on the service resource or a resource type. */
    public Optional<Action> action(String service, String type, String pythonName) {
        return named(def(service, type).path("actions"), pythonName);
    }

    /** A collection ({@code hasMany}) by its Python name ({@code objects}). */
    public Optional<Action> collection(String service, String type, String pythonName) {
        return named(def(service, type).path("hasMany"), pythonName);
    }

    /** A batch action of a resource type ({@code ObjectSummary.delete} -> DeleteObjects), by Python name. */
    public Optional<Action> batchAction(String service, String type, String pythonName) {
        return named(def(service, type).path("batchActions"), pythonName);
    }

    /** The load request of a resource type ({@code Table} -> DescribeTable). */
    public Optional<Request> load(String service, String type) {
        JsonNode load = def(service, type).path("load");
        return load.isMissingNode() ? Optional.empty() : Optional.of(request(load.path("request")));
    }

    /**
     * Whether reading attribute {@code name} of a {@code type} resource makes its load request: boto3 gives a
     * resource its identifiers, actions, collections, waiters, {@code meta}, {@code load}/{@code reload} and
     * {@code get_available_subresources}; every other attribute is a member of its shape, or a reference built from
     * one, and reading it on a resource whose data is not loaded calls {@code load()} first (boto3
     * {@code boto3/resources/factory.py}, {@code _create_autoload_property}). False for types without a load
     * request: reading those raises instead of calling AWS.
     */
    public boolean lazyLoads(String service, String type, String name) {
        JsonNode d = def(service, type);
        if (!d.has("load") || name.startsWith("_") || !name.equals(name.toLowerCase(java.util.Locale.ROOT))
                || Set.of("meta", "load", "reload", "get_available_subresources").contains(name)
                || name.startsWith("wait_until_")) {
            return false;
        }
        for (JsonNode id : d.path("identifiers")) {
            if (snake(id.path("name").asText()).equals(name)) {
                return false;
            }
        }
        for (String kind : List.of("actions", "batchActions", "hasMany", "has")) {
            for (Map.Entry<String, JsonNode> e : d.path(kind).properties()) {
                if (snake(e.getKey()).equals(name) || e.getKey().equals(name)) {
                    // A reference ('has' whose identifiers come from data) is read from the loaded data too.
                    return kind.equals("has") && refFromData(e.getValue());
                }
            }
        }
        return true;
    }

    private static boolean refFromData(JsonNode has) {
        for (JsonNode id : has.path("resource").path("identifiers")) {
            if (id.path("source").asText().equals("data")) {
                return true;
            }
        }
        return false;
    }

    /** A resource waiter by Python name ({@code wait_until_exists}): the SDK waiter name and its parameters. */
    public Optional<Map.Entry<String, List<Param>>> waiter(String service, String type, String pythonName) {
        JsonNode ws = def(service, type).path("waiters");
        for (Map.Entry<String, JsonNode> e : ws.properties()) {
            if (("wait_until_" + snake(e.getKey())).equals(pythonName)) {
                return Optional.of(Map.entry(e.getValue().path("waiterName").asText(), params(e.getValue())));
            }
        }
        return Optional.empty();
    }

    /** The operation (CamelCase) an SDK waiter polls ({@code TableExists} -> {@code DescribeTable}). */
    public Optional<String> waiterOperation(String service, String waiterName) {
        JsonNode ws = waiters.path(service);
        for (Map.Entry<String, JsonNode> e : ws.properties()) {
            // boto3 accepts the snake_case waiter name (table_exists) for the model's TableExists.
            if (e.getKey().equals(waiterName) || snake(e.getKey()).equals(waiterName)) {
                return Optional.of(e.getValue().asText());
            }
        }
        return Optional.empty();
    }

    private Optional<Action> named(JsonNode map, String pythonName) {
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (snake(e.getKey()).equals(pythonName)) {
                JsonNode res = e.getValue().path("resource");
                return Optional.of(new Action(e.getKey(), request(e.getValue().path("request")),
                        res.isMissingNode() ? Optional.empty() : Optional.of(ref(res)), res.has("path")));
            }
        }
        return Optional.empty();
    }

    private static Request request(JsonNode r) {
        return new Request(r.path("operation").asText(), params(r));
    }

    private static ResourceRef ref(JsonNode r) {
        List<Param> ids = new ArrayList<>();
        for (JsonNode p : r.path("identifiers")) {
            ids.add(param(p));
        }
        return new ResourceRef(r.path("type").asText(), ids);
    }

    private static List<Param> params(JsonNode r) {
        List<Param> out = new ArrayList<>();
        for (JsonNode p : r.path("params")) {
            out.add(param(p));
        }
        return out;
    }

    private static Param param(JsonNode p) {
        return new Param(p.path("target").asText(), p.path("source").asText(), p.path("name").asText(null),
                p.path("value").isMissingNode() ? null : p.path("value").asText(), p.path("path").asText(null));
    }

    /**
     * boto3's name for a model name in the resource models ({@code PutItem} -> {@code put_item},
     * {@code ObjectVersions} -> {@code object_versions}). The models use plain CamelCase, so the simple rule of
     * botocore's {@code xform_name} suffices here.
     */
    static String snake(String camel) {
        return SNAKE.computeIfAbsent(camel, Boto3Models::xform);
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, String> SNAKE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String xform(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
