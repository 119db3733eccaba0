package dev.iampreflight.policy;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.Suggestions;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a located JSON/YAML tree into a {@link PolicyDocument}. Accepts everything AWS's policy grammar accepts
 * (Statement as object or array, string-or-array values, Principal {@code "*"} or a map, Version absent or either
 * date; see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html) and reports the rest as
 * located findings. A statement that cannot be understood is left out of the document, never guessed at.
 */
public final class PolicyParser {

    /** The result of parsing: a document when the top level was usable, and all findings. */
    public record Result(Optional<PolicyDocument> document, List<Finding> findings) {
        public Result {
            findings = List.copyOf(findings);
        }

        public boolean hasErrors() {
            return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        }
    }

    static final Set<String> TOP_KEYS = Set.of("Version", "Id", "Statement");
    static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");
    static final Set<String> PRINCIPAL_TYPES = Set.of(Principal.AWS, Principal.SERVICE, Principal.FEDERATED,
            Principal.CANONICAL_USER);

    private final List<Finding> findings = new ArrayList<>();

    private PolicyParser() {
    }

    /** Reads and parses a JSON or YAML policy file. */
    public static Result parseFile(Path file, String displayName) {
        TreeReader.Result tree = TreeReader.read(file, displayName);
        if (tree.root().isEmpty()) {
            return new Result(Optional.empty(), tree.findings());
        }
        Result r = parse(tree.root().get(), displayName);
        List<Finding> all = new ArrayList<>(tree.findings());
        all.addAll(r.findings());
        return new Result(r.document(), all);
    }

    /** Parses JSON text (for example one line of a batch, or an inline policy string). */
    public static Result parseJson(String json, String displayName) {
        TreeReader.Result tree = TreeReader.parse(json, displayName, TreeReader.Format.JSON);
        if (tree.root().isEmpty()) {
            return new Result(Optional.empty(), tree.findings());
        }
        Result r = parse(tree.root().get(), displayName);
        List<Finding> all = new ArrayList<>(tree.findings());
        all.addAll(r.findings());
        return new Result(r.document(), all);
    }

    /** Parses a tree that is a policy document; {@code name} names the document in messages. */
    public static Result parse(Node root, String name) {
        PolicyParser p = new PolicyParser();
        Optional<PolicyDocument> doc = p.document(root, name);
        return new Result(doc, p.findings);
    }

    private void bad(SourceLocation at, String message) {
        findings.add(new Finding(ReservedRules.BAD_SHAPE, Severity.ERROR, message, at));
    }

    private Optional<PolicyDocument> document(Node root, String name) {
        if (!(root instanceof ObjectNode obj)) {
            bad(root.location(), "a policy document must be a JSON object, not " + article(root));
            return Optional.empty();
        }
        for (ObjectNode.Field f : obj.fields()) {
            if (!TOP_KEYS.contains(f.key())) {
                bad(f.keyLocation(), "'" + f.key() + "' is not a policy element; expected Version, Id or Statement"
                        + Suggestions.didYouMean(f.key(), TOP_KEYS));
            }
        }
        Optional<LocatedString> version = Optional.empty();
        Optional<ObjectNode.Field> vf = obj.field("Version");
        if (vf.isPresent()) {
            Optional<LocatedString> v = string(vf.get().value(), "Version");
            if (v.isPresent() && !PolicyDocument.VERSION_2012.equals(v.get().value())
                    && !PolicyDocument.VERSION_2008.equals(v.get().value())) {
                bad(v.get().location(), "Version '" + v.get().value() + "' is not valid; use '"
                        + PolicyDocument.VERSION_2012 + "' (or the legacy '" + PolicyDocument.VERSION_2008 + "')");
            }
            version = v;
        }
        Optional<LocatedString> id = obj.get("Id").flatMap(n -> string(n, "Id"));
        List<Statement> statements = new ArrayList<>();
        Optional<ObjectNode.Field> sf = obj.field("Statement");
        if (sf.isEmpty()) {
            bad(obj.location(), "the policy has no Statement element");
        } else {
            Node s = sf.get().value();
            if (s instanceof ObjectNode so) {
                statement(so, 0).ifPresent(statements::add);
            } else if (s instanceof ArrayNode sa) {
                if (sa.items().isEmpty()) {
                    bad(sa.location(), "Statement is an empty array; a policy needs at least one statement");
                }
                int i = 0;
                for (Node item : sa.items()) {
                    if (item instanceof ObjectNode io) {
                        statement(io, i).ifPresent(statements::add);
                    } else {
                        bad(item.location(), "statement #" + (i + 1) + " must be an object, not " + article(item));
                    }
                    i++;
                }
            } else {
                bad(s.location(), "Statement must be an object or an array of objects, not " + article(s));
            }
        }
        return Optional.of(new PolicyDocument(name, version, id, statements, obj.location()));
    }

    private Optional<Statement> statement(ObjectNode o, int index) {
        int before = findings.size();
        String label = "statement #" + (index + 1);
        for (ObjectNode.Field f : o.fields()) {
            if (!STATEMENT_KEYS.contains(f.key())) {
                bad(f.keyLocation(), "'" + f.key() + "' is not a statement element"
                        + Suggestions.didYouMean(f.key(), STATEMENT_KEYS));
            }
        }
        Optional<LocatedString> sid = o.get("Sid").flatMap(n -> string(n, "Sid"));
        if (sid.isPresent()) {
            label = "statement '" + sid.get().value() + "'";
        }
        Effect effect = null;
        Optional<ObjectNode.Field> ef = o.field("Effect");
        if (ef.isEmpty()) {
            bad(o.location(), label + " has no Effect; expected \"Allow\" or \"Deny\"");
        } else {
            Optional<LocatedString> e = string(ef.get().value(), "Effect");
            if (e.isPresent()) {
                if ("Allow".equals(e.get().value())) {
                    effect = Effect.ALLOW;
                } else if ("Deny".equals(e.get().value())) {
                    effect = Effect.DENY;
                } else {
                    bad(e.get().location(), "Effect '" + e.get().value() + "' is not valid; expected \"Allow\" or \"Deny\"");
                }
            }
        }
        Optional<ValueList> actions = pair(o, "Action", "NotAction", label, true);
        Optional<ValueList> resources = pair(o, "Resource", "NotResource", label, false);
        Optional<Principal> principal = principal(o, label);
        ConditionBlock condition = o.field("Condition").map(f -> conditions(f)).orElse(ConditionBlock.EMPTY);
        boolean fatal = findings.size() > before && (effect == null || actions.isEmpty());
        if (fatal || effect == null || actions.isEmpty()) {
            return Optional.empty();
        }
        if (resources.isEmpty() && principal.isEmpty() && o.field("Resource").isEmpty()
                && o.field("NotResource").isEmpty() && o.field("Principal").isEmpty()
                && o.field("NotPrincipal").isEmpty()) {
            // "Statements must include either a Resource or a NotResource element" (IAM User Guide, IAM JSON policy
            // elements: Resource); only resource-based policies, which name a Principal, may leave it out (a role
            // trust policy applies to the role it is attached to). IAM refuses the policy, so the statement grants
            // nothing; read as "every resource" it would pass a check that the deploy then fails.
            bad(o.location(), label + " has neither Resource nor NotResource; a policy without Principal (an "
                    + "identity policy) needs one, e.g. \"Resource\": \"arn:aws:s3:::my-bucket/*\"");
            return Optional.empty();
        }
        return Optional.of(new Statement(index, sid, effect, actions.get(), resources, principal, condition,
                o.location()));
    }

    /** Action/NotAction or Resource/NotResource: exactly one of the two (the first pair is required). */
    private Optional<ValueList> pair(ObjectNode o, String positive, String negative, String label, boolean required) {
        Optional<ObjectNode.Field> p = o.field(positive);
        Optional<ObjectNode.Field> n = o.field(negative);
        if (p.isPresent() && n.isPresent()) {
            bad(n.get().keyLocation(), label + " has both " + positive + " and " + negative + "; use one of them");
            return Optional.empty();
        }
        if (p.isEmpty() && n.isEmpty()) {
            if (required) {
                bad(o.location(), label + " has neither " + positive + " nor " + negative);
            }
            return Optional.empty();
        }
        ObjectNode.Field f = p.orElseGet(n::get);
        List<LocatedString> values = strings(f.value(), f.key());
        if (values == null) {
            return Optional.empty();
        }
        if (values.isEmpty()) {
            bad(f.value().location(), f.key() + " is an empty array; it must name at least one value");
            return Optional.empty();
        }
        return Optional.of(new ValueList(values, n.isPresent(), f.keyLocation()));
    }

    private Optional<Principal> principal(ObjectNode o, String label) {
        Optional<ObjectNode.Field> p = o.field("Principal");
        Optional<ObjectNode.Field> n = o.field("NotPrincipal");
        if (p.isPresent() && n.isPresent()) {
            bad(n.get().keyLocation(), label + " has both Principal and NotPrincipal; use one of them");
            return Optional.empty();
        }
        if (p.isEmpty() && n.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode.Field f = p.orElseGet(n::get);
        boolean negated = n.isPresent();
        Node v = f.value();
        if (v instanceof ScalarNode s && s.isString()) {
            if (!"*".equals(s.text())) {
                bad(s.location(), f.key() + " '" + s.text() + "' must be \"*\" or an object such as "
                        + "{\"AWS\": \"arn:aws:iam::111122223333:root\"}");
                return Optional.empty();
            }
            return Optional.of(new Principal(negated, true, Map.of(), f.keyLocation()));
        }
        if (!(v instanceof ObjectNode po)) {
            bad(v.location(), f.key() + " must be \"*\" or an object, not " + article(v));
            return Optional.empty();
        }
        Map<String, List<LocatedString>> byType = new LinkedHashMap<>();
        for (ObjectNode.Field t : po.fields()) {
            if (!PRINCIPAL_TYPES.contains(t.key())) {
                bad(t.keyLocation(), "'" + t.key() + "' is not a principal type; expected AWS, Service, Federated "
                        + "or CanonicalUser" + Suggestions.didYouMean(t.key(), PRINCIPAL_TYPES));
                continue;
            }
            List<LocatedString> values = strings(t.value(), f.key() + "." + t.key());
            if (values != null) {
                byType.put(t.key(), values);
            }
        }
        return Optional.of(new Principal(negated, false, byType, f.keyLocation()));
    }

    private ConditionBlock conditions(ObjectNode.Field cf) {
        if (!(cf.value() instanceof ObjectNode block)) {
            bad(cf.value().location(), "Condition must be an object of operators, not " + article(cf.value()));
            return ConditionBlock.EMPTY;
        }
        List<Condition> out = new ArrayList<>();
        for (ObjectNode.Field op : block.fields()) {
            LocatedString operator = new LocatedString(op.key(), op.keyLocation());
            if (!(op.value() instanceof ObjectNode keys)) {
                bad(op.value().location(), "condition operator '" + op.key()
                        + "' must map to an object of condition keys, not " + article(op.value()));
                continue;
            }
            for (ObjectNode.Field k : keys.fields()) {
                List<LocatedString> values = scalars(k.value(), "condition key '" + k.key() + "'");
                if (values != null) {
                    out.add(new Condition(operator, new LocatedString(k.key(), k.keyLocation()), values,
                            k.keyLocation()));
                }
            }
        }
        return new ConditionBlock(out, cf.keyLocation());
    }

    private Optional<LocatedString> string(Node n, String element) {
        if (n instanceof ScalarNode s && s.isString()) {
            return Optional.of(new LocatedString(s.text(), s.location()));
        }
        bad(n.location(), element + " must be a string, not " + article(n));
        return Optional.empty();
    }

    /** A string or an array of strings; null (after reporting) when the shape is wrong. */
    private List<LocatedString> strings(Node n, String element) {
        if (n instanceof ScalarNode s && s.isString()) {
            return List.of(new LocatedString(s.text(), s.location()));
        }
        if (n instanceof ArrayNode a) {
            List<LocatedString> out = new ArrayList<>();
            boolean ok = true;
            for (Node item : a.items()) {
                if (item instanceof ScalarNode s && s.isString()) {
                    out.add(new LocatedString(s.text(), s.location()));
                } else {
                    bad(item.location(), element + " values must be strings, not " + article(item));
                    ok = false;
                }
            }
            return ok ? out : null;
        }
        bad(n.location(), element + " must be a string or an array of strings, not " + article(n));
        return null;
    }

    /** Condition values: strings, numbers or booleans (IAM compares their text), alone or in an array. */
    private List<LocatedString> scalars(Node n, String element) {
        if (n instanceof ScalarNode s && !s.isNull()) {
            return List.of(new LocatedString(s.text(), s.location()));
        }
        if (n instanceof ArrayNode a) {
            List<LocatedString> out = new ArrayList<>();
            for (Node item : a.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    out.add(new LocatedString(s.text(), s.location()));
                } else {
                    bad(item.location(), element + " values must be strings, numbers or booleans, not " + article(item));
                    return null;
                }
            }
            return out;
        }
        bad(n.location(), element + " must be a value or an array of values, not " + article(n));
        return null;
    }

    static String article(Node n) {
        String k = n.kindName();
        return switch (k) {
            case "object", "array" -> "an " + k;
            case "null" -> "null";
            default -> "a " + k;
        };
    }
}
