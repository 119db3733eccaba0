package dev.iampreflight.require;

import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.SymbolicValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Condition keys whose value a parameter of the call determines, set in the request from the call's values. Each
 * entry is hand-written from the Service Authorization Reference's condition keys of the action and the API
 * reference of the operation; a key is set only for actions that list it (the caller checks the knowledge base).
 * A value the code does not show is {@value SymbolicValue#UNKNOWN}: the key is then unknown, and a denial that a
 * condition on it may decide is not certain.
 */
public final class CallContext {

    private CallContext() {
    }

    /** Key -> values (one for single-valued keys; {@code {?}} when unknown) for {@code action} of {@code call}. */
    static Map<String, List<String>> of(String action, SdkCall call) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, SymbolicValue> a = call.arguments();
        switch (action) {
            // EventBridge: events:source and events:detail-type are the entries' Source and DetailType
            // (EventBridge user guide, "Using IAM policy conditions in Amazon EventBridge").
            case "events:PutEvents" -> {
                if (a.get("Entries") instanceof SymbolicValue.ListValue entries && !entries.items().isEmpty()) {
                    out.put("events:source", entryValues(entries, "Source"));
                    out.put("events:detail-type", entryValues(entries, "DetailType"));
                } else if (a.containsKey("Entries")) {
                    out.put("events:source", unknown());
                    out.put("events:detail-type", unknown());
                }
            }
            // S3 request headers (SAR, Amazon S3 condition keys: s3:x-amz-server-side-encryption,
            // s3:x-amz-server-side-encryption-aws-kms-key-id, s3:x-amz-acl; set from the PutObject parameters).
            case "s3:PutObject" -> {
                put(out, "s3:x-amz-server-side-encryption", a.get("ServerSideEncryption"));
                put(out, "s3:x-amz-server-side-encryption-aws-kms-key-id", a.get("SSEKMSKeyId"));
                put(out, "s3:x-amz-acl", a.get("ACL"));
            }
            case "s3:PutObjectAcl" -> put(out, "s3:x-amz-acl", a.get("ACL"));
            // SES: ses:FromAddress is the sender address (SES developer guide, "Controlling access to Amazon SES").
            case "ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail", "ses:SendBulkTemplatedEmail" -> {
                SymbolicValue from = a.get("FromEmailAddress") != null ? a.get("FromEmailAddress") : a.get("Source");
                if (from != null) {
                    String f = from.render();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([^>]+)>").matcher(f);
                    out.put("ses:FromAddress", List.of(m.find() ? m.group(1) : f));
                }
            }
            // DynamoDB: dynamodb:LeadingKeys is the partition key value of the item the call names (DynamoDB
            // developer guide, "Using IAM policy conditions for fine-grained access control"). A Key with one
            // attribute is the partition key alone; with two, which one is the partition key is the table's schema
            // (see leadingKeys, which the check uses with the declared table).
            case "dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem" -> {
                if (a.get("Key") instanceof SymbolicValue.MapValue m && m.entries().size() == 1) {
                    out.put("dynamodb:LeadingKeys", List.of(attributeValue(m.entries().values().iterator().next())));
                }
            }
            default -> {
            }
        }
        // KMS: kms:EncryptionContext:KEY and kms:EncryptionContextKeys from EncryptionContext
        // (KMS developer guide, "kms:EncryptionContext:context-key").
        if (action.startsWith("kms:") && a.containsKey("EncryptionContext")) {
            if (a.get("EncryptionContext") instanceof SymbolicValue.MapValue m) {
                m.entries().forEach((k, v) -> out.put("kms:EncryptionContext:" + k, List.of(v.render())));
                out.put("kms:EncryptionContextKeys", List.copyOf(m.entries().keySet()));
            } else {
                out.put("kms:EncryptionContextKeys", unknown());
            }
        }
        // Tags on create: aws:RequestTag/KEY and aws:TagKeys (IAM user guide, "Controlling access during AWS
        // requests"): a list of {Key, Value} (most APIs) or a map (Lambda, SQS tags=, API Gateway).
        SymbolicValue tags = a.get("Tags") != null ? a.get("Tags") : a.get("tags");
        if (tags != null) {
            tags(tags, out);
        }
        return out;
    }

    /**
     * The service's own condition keys of {@code action} (from {@code supported}, the Service Authorization
     * Reference's list) that are named after a parameter of the operation, set from the value the call passes:
     * {@code cloudwatch:namespace} is PutMetricData's {@code Namespace}, {@code s3:prefix} ListObjects' {@code Prefix}.
     * Names are compared without case, hyphens and underscores. A parameter the call does not pass sets no key (AWS
     * sends none); one whose value the code does not show sets it to {@code {?}}, so that a condition on it can make
     * the answer uncertain but never a certain deny. The hand-written entries of {@link #of} come first.
     */
    static Map<String, List<String>> byParameterName(String action, SdkCall call, List<String> supported) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int colon = action.indexOf(':');
        if (colon <= 0 || call.arguments().isEmpty() || supported.isEmpty()) {
            return out;
        }
        String service = action.substring(0, colon + 1).toLowerCase(java.util.Locale.ROOT);
        Map<String, SymbolicValue> byName = new LinkedHashMap<>();
        call.arguments().forEach((name, v) -> byName.putIfAbsent(plain(name), v));
        for (String key : supported) {
            // The service prefix ends with the key's first ':', so the rest is what follows that colon.
            if (!key.regionMatches(true, 0, service, 0, service.length()) || key.contains("/")
                    || key.contains("${")) {
                continue;
            }
            SymbolicValue v = byName.get(KEY_NAMES.computeIfAbsent(key, k -> plain(k.substring(k.indexOf(':') + 1))));
            if (v instanceof SymbolicValue.ListValue l) {
                List<String> values = new ArrayList<>();
                l.items().forEach(i -> values.add(scalar(i)));
                out.put(key, values.isEmpty() ? unknown() : values);
            } else if (v != null) {
                out.put(key, List.of(scalar(v)));
            }
        }
        return out;
    }

    /**
     * A condition key's name as {@link #plain} spells it, per key: the keys are the knowledge base's few thousand, and
     * this runs for every call of every target (at 5,000 modules 6 % of the per-target phase spelled them anew).
     */
    private static final Map<String, String> KEY_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String plain(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** A parameter's value as a condition key holds it: Python's True/False are IAM's true/false; a map is unknown. */
    private static String scalar(SymbolicValue v) {
        if (v instanceof SymbolicValue.MapValue || v instanceof SymbolicValue.ListValue) {
            return SymbolicValue.UNKNOWN;
        }
        String r = v.render();
        return r.equals("True") || r.equals("False") ? r.toLowerCase(java.util.Locale.ROOT) : r;
    }

    /**
     * dynamodb:LeadingKeys of a call on a table whose partition key attribute is {@code hashKey}: the value of that
     * attribute in the call's Key (or PutItem's Item); empty when the call names none.
     */
    public static Optional<List<String>> leadingKeys(SdkCall call, String hashKey) {
        SymbolicValue item = call.arguments().get("Key") != null ? call.arguments().get("Key")
                : call.arguments().get("Item");
        if (item instanceof SymbolicValue.MapValue m && m.entries().containsKey(hashKey)) {
            return Optional.of(List.of(attributeValue(m.entries().get(hashKey))));
        }
        return item == null ? Optional.empty() : Optional.of(unknown());
    }

    /** A key attribute's value as written: a plain value (resource API) or {'S': value} (client API). */
    private static String attributeValue(SymbolicValue v) {
        if (v instanceof SymbolicValue.MapValue m && m.entries().size() == 1) {
            return m.entries().values().iterator().next().render();
        }
        return v.render();
    }

    private static void tags(SymbolicValue tags, Map<String, List<String>> out) {
        Set<String> keys = new LinkedHashSet<>();
        boolean known = true;
        if (tags instanceof SymbolicValue.MapValue m) {
            m.entries().forEach((k, v) -> {
                keys.add(k);
                out.put("aws:RequestTag/" + k, List.of(v.render()));
            });
        } else if (tags instanceof SymbolicValue.ListValue l) {
            for (SymbolicValue item : l.items()) {
                if (item instanceof SymbolicValue.MapValue m && m.entries().get("Key") instanceof SymbolicValue.Literal k) {
                    keys.add(k.value());
                    SymbolicValue v = m.entries().get("Value");
                    out.put("aws:RequestTag/" + k.value(), List.of(v == null ? "" : v.render()));
                } else {
                    known = false;
                }
            }
        } else {
            known = false;
        }
        out.put("aws:TagKeys", known ? List.copyOf(keys) : unknown());
    }

    private static List<String> entryValues(SymbolicValue.ListValue entries, String field) {
        Set<String> values = new LinkedHashSet<>();
        for (SymbolicValue e : entries.items()) {
            SymbolicValue v = e instanceof SymbolicValue.MapValue m ? m.entries().get(field) : null;
            values.add(v == null ? SymbolicValue.UNKNOWN : v.render());
        }
        // Each entry is authorized with its own value: entries that differ are not one value of the key.
        return values.size() == 1 ? new ArrayList<>(values) : unknown();
    }

    private static void put(Map<String, List<String>> out, String key, SymbolicValue v) {
        if (v != null) {
            out.put(key, List.of(v.render()));
        }
    }

    private static List<String> unknown() {
        return List.of(SymbolicValue.UNKNOWN);
    }

    /** Whether any value is (partly) unknown. */
    static boolean unknown(List<String> values) {
        return values.stream().anyMatch(v -> v.contains(SymbolicValue.UNKNOWN));
    }
}
