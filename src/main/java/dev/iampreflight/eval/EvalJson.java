package dev.iampreflight.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of requests, policy sets and decisions used by {@code simulate --batch} and the conformance suite
 * (documented in docs/engine.md). Parsed policies are cached by their JSON text, so a batch that repeats a policy
 * compiles it once. Bad input is an {@link IllegalArgumentException} whose message says what is wrong.
 */
public final class EvalJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Keyed by the name the policy is given and its JSON tree (hashing and comparing trees is cheaper than writing
     * them out as text). The name is part of the key because a parsed document carries it, and its statements'
     * locations, into every explanation: a document cached under another name would cite the wrong policy.
     */
    private record Key(String name, JsonNode tree) {
    }

    private final Map<Key, PolicyDocument> cache;

    /** {@code cacheSize} parsed policies are kept (least recently used go first). */
    public EvalJson(int cacheSize) {
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, PolicyDocument> e) {
                return size() > cacheSize;
            }
        };
    }

    /** Policy sets defined by {@code {"policySet": {"id": ..., ...}}} lines, by id. */
    private final Map<String, PolicySet> definedSets = new java.util.HashMap<>();

    /** The policy fields a line may carry inline; a line that names a defined set carries none of them. */
    private static final List<String> POLICY_FIELDS = List.of("identityPolicies", "resourcePolicy",
            "resourcePolicyKind", "permissionBoundaries", "sessionPolicy", "scps", "rcps");

    /**
     * Whether the line defines a policy set ({@code {"policySet": {"id": "p1", "identityPolicies": [...], ...}}}); if
     * so, defines it. Later lines use it with {@code "policySet": "p1"}, so a policy repeated on many lines is sent,
     * parsed and prepared once. An id can be defined once.
     */
    public boolean defineIfDefinition(JsonNode line, String where) {
        JsonNode def = line.get("policySet");
        if (def == null || !def.isObject()) {
            return false;
        }
        JsonNode id = def.get("id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new IllegalArgumentException("a policy set definition needs a non-empty string 'id'");
        }
        String name = id.asText();
        if (definedSets.containsKey(name)) {
            throw new IllegalArgumentException("policy set '" + name + "' is already defined");
        }
        definedSets.put(name, policySet(def, where + " policySet " + name));
        return true;
    }

    /**
     * The policies of a request line: the defined set it names ({@code "policySet": "p1"}), else its inline policy
     * fields.
     */
    public PolicySet policiesOf(JsonNode line, String where) {
        JsonNode ref = line.get("policySet");
        if (ref == null || ref.isNull()) {
            return policySet(line, where);
        }
        if (!ref.isTextual()) {
            throw new IllegalArgumentException("'policySet' must be the id of a defined policy set, or a definition "
                    + "object on a line of its own");
        }
        for (String f : POLICY_FIELDS) {
            if (line.has(f)) {
                throw new IllegalArgumentException("a line that uses policy set '" + ref.asText()
                        + "' cannot also carry '" + f + "'");
            }
        }
        PolicySet set = definedSets.get(ref.asText());
        if (set == null) {
            throw new IllegalArgumentException("no policy set '" + ref.asText() + "' is defined before this line");
        }
        return set;
    }

    /** A request line that names a defined policy set, read by {@link #readReferenceLine}. */
    public record ReferenceLine(JsonNode id, PolicySet set, Request request) {
    }

    private static final int F_ID = 1;
    private static final int F_ACTION = 2;
    private static final int F_RESOURCE = 4;
    private static final int F_PRINCIPAL = 8;
    private static final int F_ACCOUNT = 16;
    private static final int F_CONTEXT = 32;
    private static final int F_SET = 64;

    /**
     * The common batch line, {@code {"id": ..., "action": ..., "resource": ..., "principal": ..., "resourceAccount":
     * ..., "context": {...}, "policySet": "p1"}} naming a set defined before, read from its bytes with the streaming
     * parser instead of as a tree (the tree was most of a batch's cost: JFR, docs/performance.md). Null for anything
     * else, well formed or not: another field, a duplicate, a number in the context, a value of another type, text
     * after the object, an undefined set. The caller then reads the line as a tree, which answers it or says what
     * is wrong exactly as before, so this is only a shortcut, never a second reading of the format.
     */
    public ReferenceLine readReferenceLine(byte[] raw, int start, int length) {
        try (JsonParser p = MAPPER.getFactory().createParser(raw, start, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int seen = 0;
            JsonNode id = null;
            String action = null;
            String resource = null;
            String principal = null;
            String account = null;
            String set = null;
            Map<String, List<String>> context = Map.of();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int bit = switch (name) {
                    case "id" -> F_ID;
                    case "action" -> F_ACTION;
                    case "resource" -> F_RESOURCE;
                    case "principal" -> F_PRINCIPAL;
                    case "resourceAccount" -> F_ACCOUNT;
                    case "context" -> F_CONTEXT;
                    case "policySet" -> F_SET;
                    default -> 0;
                };
                if (bit == 0 || (seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
                JsonToken v = p.nextToken();
                if (bit == F_ID) {
                    id = switch (v) {
                        case VALUE_STRING -> F.textNode(p.getText());
                        case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                            case INT -> F.numberNode(p.getIntValue());
                            case LONG -> F.numberNode(p.getLongValue());
                            default -> null;
                        };
                        case VALUE_NULL -> F.nullNode();
                        default -> null;
                    };
                    if (id == null) {
                        return null;
                    }
                } else if (bit == F_CONTEXT) {
                    if (v != JsonToken.START_OBJECT) {
                        return null;
                    }
                    context = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        List<String> values = new ArrayList<>(1);
                        JsonToken c = p.nextToken();
                        if (c == JsonToken.START_ARRAY) {
                            while ((c = p.nextToken()) != JsonToken.END_ARRAY) {
                                if (!addScalar(p, c, values)) {
                                    return null;
                                }
                            }
                        } else if (!addScalar(p, c, values)) {
                            return null;
                        }
                        if (context.put(key, values) != null) {
                            return null;
                        }
                    }
                } else {
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    String text = p.getText();
                    switch (bit) {
                        case F_ACTION -> action = text;
                        case F_RESOURCE -> resource = text;
                        case F_PRINCIPAL -> principal = text;
                        case F_ACCOUNT -> account = text;
                        default -> set = text;
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null
                    || action == null || resource == null || set == null) {
                return null;
            }
            PolicySet defined = definedSets.get(set);
            if (defined == null) {
                return null;
            }
            return new ReferenceLine(id, defined, new Request(action, resource,
                    Optional.ofNullable(principal), Optional.ofNullable(account), context));
        } catch (IOException e) {
            return null;
        }
    }

    /** A string or boolean context value as the tree reading gives it ({@code asText}); false for anything else. */
    private static boolean addScalar(JsonParser p, JsonToken t,
                                     List<String> values) throws IOException {
        if (t == JsonToken.VALUE_STRING
                || t == JsonToken.VALUE_TRUE
                || t == JsonToken.VALUE_FALSE) {
            values.add(p.getText());
            return true;
        }
        return false;
    }

    /** The request part of an object: action, resource, principal, resourceAccount, context. */
    public static Request request(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("a request must be a JSON object");
        }
        String action = text(o, "action", true);
        String resource = text(o, "resource", true);
        String principal = text(o, "principal", false);
        String account = text(o, "resourceAccount", false);
        Map<String, List<String>> context = new LinkedHashMap<>();
        JsonNode c = o.get("context");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw new IllegalArgumentException("'context' must be an object of key: value(s)");
            }
            Iterator<Map.Entry<String, JsonNode>> it = c.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                context.put(e.getKey(), contextValues(e.getKey(), e.getValue()));
            }
        }
        return new Request(action, resource, Optional.ofNullable(principal), Optional.ofNullable(account), context);
    }

    /** A context value: a string, number or boolean, or an array of them (a multi-valued key). */
    public static List<String> contextValues(String key, JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new IllegalArgumentException("context key '" + key
                            + "' values must be strings, numbers or booleans");
                }
                out.add(item.asText());
            }
        } else if (v.isValueNode() && !v.isNull()) {
            out.add(v.asText());
        } else if (!v.isNull()) {
            throw new IllegalArgumentException("context key '" + key
                    + "' must be a string, number, boolean or an array of them");
        }
        return out;
    }

    private static String text(JsonNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("'" + field + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return v.asText();
    }

    /**
     * The policies of an object: identityPolicies, resourcePolicy (+ resourcePolicyKind generic|kms|trust),
     * permissionBoundaries, sessionPolicy, scps, rcps. {@code where} names the input in policy names.
     */
    public PolicySet policySet(JsonNode o, String where) {
        List<PolicyDocument> identity = policies(o.get("identityPolicies"), where + " identityPolicies");
        Optional<PolicyDocument> resource = optionalPolicy(o.get("resourcePolicy"), where + " resourcePolicy");
        ResourcePolicyKind kind = kind(o.get("resourcePolicyKind"));
        List<PolicyDocument> boundaries = policies(o.get("permissionBoundaries"), where + " permissionBoundaries");
        Optional<PolicyDocument> session = optionalPolicy(o.get("sessionPolicy"), where + " sessionPolicy");
        List<List<PolicyDocument>> scps = levels(o.get("scps"), where + " scps");
        List<List<PolicyDocument>> rcps = levels(o.get("rcps"), where + " rcps");
        return new PolicySet(identity, resource, kind, boundaries, session, scps, rcps);
    }

    public static ResourcePolicyKind kind(JsonNode k) {
        if (k == null || k.isNull()) {
            return ResourcePolicyKind.GENERIC;
        }
        return switch (k.asText().toLowerCase(java.util.Locale.ROOT)) {
            case "generic" -> ResourcePolicyKind.GENERIC;
            case "kms", "kms_key", "kms-key" -> ResourcePolicyKind.KMS_KEY;
            case "trust", "role_trust", "role-trust" -> ResourcePolicyKind.ROLE_TRUST;
            default -> throw new IllegalArgumentException("'resourcePolicyKind' must be generic, kms or trust, not '"
                    + k.asText() + "'");
        };
    }

    private List<PolicyDocument> policies(JsonNode a, String where) {
        List<PolicyDocument> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException("'" + where.substring(where.lastIndexOf(' ') + 1)
                    + "' must be an array of policy documents");
        }
        int i = 0;
        for (JsonNode p : a) {
            out.add(policy(p, where + "[" + i++ + "]"));
        }
        return out;
    }

    private List<List<PolicyDocument>> levels(JsonNode a, String where) {
        List<List<PolicyDocument>> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException("'" + where.substring(where.lastIndexOf(' ') + 1)
                    + "' must be an array of levels, each an array of policy documents");
        }
        int i = 0;
        for (JsonNode level : a) {
            out.add(policies(level.isArray() ? level : F.arrayNode().add(level), where + "[" + i++ + "]"));
        }
        return out;
    }

    private Optional<PolicyDocument> optionalPolicy(JsonNode p, String where) {
        return p == null || p.isNull() ? Optional.empty() : Optional.of(policy(p, where));
    }

    /** Parses one policy document object (cached by its name and JSON text). */
    public PolicyDocument policy(JsonNode p, String name) {
        if (!p.isObject()) {
            throw new IllegalArgumentException(name + " must be a policy document object");
        }
        Key key = new Key(name, p);
        synchronized (cache) {
            PolicyDocument d = cache.get(key);
            if (d != null) {
                return d;
            }
        }
        String json = p.toString();
        PolicyParser.Result r = PolicyParser.parseJson(json, name);
        List<String> errors = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.severity() == Severity.ERROR) {
                errors.add(f.ruleId() + ": " + f.message());
            }
        }
        if (r.document().isEmpty() || !errors.isEmpty()) {
            throw new IllegalArgumentException(name + " is not a valid policy: " + String.join("; ", errors));
        }
        synchronized (cache) {
            cache.put(key, r.document().get());
        }
        return r.document().get();
    }

    /**
     * Writes {@code n} as compact JSON, the same text as {@code n.toString()}. A batch writes each result through one
     * generator: {@code toString} set up a writer and a serializer for every line, an eighth of a batch's cost.
     */
    public static void write(com.fasterxml.jackson.core.JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : n) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NUMBER -> {
                if (n.isInt()) {
                    g.writeNumber(n.intValue());
                } else if (n.isLong()) {
                    g.writeNumber(n.longValue());
                } else if (n.isBigInteger()) {
                    g.writeNumber(n.bigIntegerValue());
                } else if (n.isFloat()) {
                    g.writeNumber(n.floatValue());
                } else if (n.isDouble()) {
                    g.writeNumber(n.doubleValue());
                } else {
                    g.writeNumber(n.decimalValue());
                }
            }
            case NULL, MISSING -> g.writeNull();
            default -> g.writeRawValue(n.toString());
        }
    }

    /** The result object's explanation: reasons, allowed patterns, explicit denies, and the trace when asked. */
    public static ObjectNode explanation(Decision d, boolean withTrace) {
        ObjectNode e = F.objectNode();
        e.put("reason", d.primaryReason().name());
        ArrayNode reasons = e.putArray("reasons");
        for (Reason r : d.reasons()) {
            ObjectNode ro = reasons.addObject();
            ro.put("code", r.code().name());
            ro.put("message", r.message());
            if (!r.statements().isEmpty()) {
                ArrayNode st = ro.putArray("statements");
                for (StatementRef s : r.statements()) {
                    st.add(ref(s));
                }
            }
        }
        if (!d.allowedPatterns().isEmpty()) {
            ArrayNode ap = e.putArray("allowedPatterns");
            d.allowedPatterns().forEach(ap::add);
        }
        if (withTrace) {
            ArrayNode tr = e.putArray("trace");
            for (PolicyTrace pt : d.trace().policies()) {
                ObjectNode po = tr.addObject();
                po.put("policy", pt.policyName());
                po.put("role", pt.role().name().toLowerCase(java.util.Locale.ROOT));
                if (pt.level() >= 0) {
                    po.put("level", pt.level());
                }
                ArrayNode sts = po.putArray("statements");
                for (StatementTrace st : pt.statements()) {
                    ObjectNode so = sts.addObject();
                    so.put("statement", st.statement().statementLabel());
                    so.put("effect", st.effect().json());
                    so.put("location", st.statement().location().toString());
                    so.put("matched", st.matched() ? "yes" : st.matchedSome() ? "some" : "no");
                    ArrayNode checks = so.putArray("checks");
                    for (ElementCheck c : st.checks()) {
                        ObjectNode co = checks.addObject();
                        co.put("element", c.element());
                        co.put("matched", c.matched());
                        co.put("detail", c.detail());
                    }
                }
            }
        }
        return e;
    }

    public static ObjectNode ref(StatementRef s) {
        ObjectNode o = F.objectNode();
        o.put("policy", s.policyName());
        o.put("role", s.role().name().toLowerCase(java.util.Locale.ROOT));
        if (s.level() >= 0) {
            o.put("level", s.level());
        }
        o.put("statement", s.statementLabel());
        SourceLocation l = s.location();
        o.put("file", l.file());
        o.put("line", l.line());
        o.put("column", l.column());
        return o;
    }
}
