package dev.iampreflight.config;

import dev.iampreflight.code.SdkWrapper;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.Suggestions;
import dev.iampreflight.core.UserException;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads {@code .iam-preflight.yml}. Reading never throws for a bad file: every problem is a located
 * finding ({@code IAM0001} unparsable, {@code IAM0002} wrong shape or unknown key, {@code IAM0003} duplicate key) and
 * the parts that could be read are kept, so one typo does not switch the whole configuration off.
 */
public final class ConfigLoader {

    /** The names looked for, in order, in the project directory and each parent. */
    public static final List<String> FILE_NAMES = List.of(".iam-preflight.yml", ".iam-preflight.yaml");

    static final List<String> KEYS = List.of("rules", "account-id", "region", "partition", "parameters", "vars",
            "sdk-wrappers", "ignore", "resource-policies", "targets", "terraform", "template-vars", "lint");
    static final List<String> TARGET_KEYS = List.of("code", "handler");
    static final List<String> TERRAFORM_KEYS = List.of("var-files", "workspace", "stages");
    static final List<String> IGNORE_KEYS = List.of("rule", "reason", "expires", "path", "target", "action");
    static final List<String> WRAPPER_KEYS = List.of("function", "service", "operation", "arguments");
    static final List<String> RESOURCE_POLICY_KEYS = List.of("resource", "file");
    static final List<String> RULE_KEYS = List.of("enabled", "severity");
    static final List<String> PARTITIONS = List.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
            "aws-iso-f", "aws-eusc");

    /** The config as read and the problems found in it. */
    public record Loaded(ProjectConfig config, List<Finding> findings) {
        public Loaded {
            findings = List.copyOf(findings);
        }
    }

    private ConfigLoader() {
    }

    /** The nearest config file in {@code dir} or one of its parents. */
    public static Optional<Path> find(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            for (String name : FILE_NAMES) {
                Path f = d.resolve(name);
                // Anything by that name counts (a pipe or a device too): reading it then says why it is unusable,
                // instead of the run silently going on without the configuration its author wrote.
                if (Files.exists(f) && !Files.isDirectory(f)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The configuration for a run on {@code dir}: {@code explicit} (from {@code --config}) when given, which must
     * exist, else the nearest file found upward from {@code dir}, else the empty configuration.
     */
    public static Loaded loadFor(Path dir, Optional<Path> explicit) {
        if (explicit.isPresent()) {
            if (!Files.isRegularFile(explicit.get())) {
                throw new UserException("config file '" + explicit.get() + "' does not exist or is not a file");
            }
            return load(explicit.get(), explicit.get().toString());
        }
        Optional<Path> found = find(dir);
        if (found.isEmpty()) {
            return new Loaded(ProjectConfig.empty(), List.of());
        }
        Path abs = dir.toAbsolutePath().normalize();
        Path f = found.get();
        String display = f.startsWith(abs) ? abs.relativize(f).toString() : f.toString();
        return load(f, display);
    }

    public static Loaded load(Path file, String displayName) {
        return parse(TreeReader.read(file, displayName, TreeReader.Format.YAML), Optional.of(file));
    }

    /** Reads config text (for tests and for {@code init}'s self-check). */
    public static Loaded parse(String yaml, String displayName) {
        return parse(TreeReader.parse(yaml, displayName, TreeReader.Format.YAML), Optional.empty());
    }

    private static Loaded parse(TreeReader.Result tree, Optional<Path> file) {
        List<Finding> findings = new ArrayList<>(tree.findings());
        // A file of comments only (a starter with everything commented out) is an empty configuration, not an error.
        findings.removeIf(f -> f.message().endsWith("holds no document"));
        if (tree.root().isEmpty()) {
            return new Loaded(withFile(ProjectConfig.empty(), file), findings);
        }
        Reader r = new Reader(findings);
        Node root = tree.root().get();
        if (root instanceof ScalarNode s && s.isNull()) {
            return new Loaded(withFile(ProjectConfig.empty(), file), findings);
        }
        if (!(root instanceof ObjectNode obj)) {
            r.bad(root, "the config file must be a mapping of settings, not a " + root.kindName());
            return new Loaded(withFile(ProjectConfig.empty(), file), findings);
        }
        r.unknownKeys(obj, KEYS, "the config file");
        Map<String, RuleSetting> rules = obj.get("rules").map(r::rules).orElse(Map.of());
        Optional<String> account = obj.get("account-id").flatMap(n -> r.string(n, "account-id"));
        account.ifPresent(a -> {
            if (!a.matches("\\d{12}")) {
                r.bad(obj.get("account-id").get(), "account-id '" + a + "' is not a 12-digit AWS account id "
                        + "(quote it if it starts with 0)");
            }
        });
        Optional<String> region = obj.get("region").flatMap(n -> r.string(n, "region"));
        region.ifPresent(g -> {
            if (!g.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
                r.bad(obj.get("region").get(), "region '" + g + "' is not an AWS region name such as 'us-east-1'");
            }
        });
        Optional<String> partition = obj.get("partition").flatMap(n -> r.string(n, "partition"));
        partition.ifPresent(p -> {
            if (!PARTITIONS.contains(p)) {
                r.bad(obj.get("partition").get(), "partition '" + p + "' is not one of " + PARTITIONS
                        + Suggestions.didYouMean(p, PARTITIONS));
            }
        });
        Map<String, String> parameters = obj.get("parameters").map(n -> r.stringMap(n, "parameters"))
                .orElse(Map.of());
        Map<String, Node> vars = obj.get("vars").map(r::vars).orElse(Map.of());
        List<SdkWrapper> wrappers = obj.get("sdk-wrappers").map(r::wrappers).orElse(List.of());
        List<IgnoreEntry> ignores = obj.get("ignore").map(r::ignores).orElse(List.of());
        List<DeclaredResourcePolicy> resourcePolicies = obj.get("resource-policies").map(r::resourcePolicies)
                .orElse(List.of());
        List<TargetSetting> targets = obj.get("targets").map(r::targets).orElse(List.of());
        TerraformSettings terraform = obj.get("terraform").map(r::terraform).orElse(TerraformSettings.NONE);
        TemplateVars templateVars = obj.get("template-vars").map(r::templateVars).orElse(TemplateVars.NONE);
        LintSetting lint = obj.get("lint").map(r::lint).orElse(LintSetting.DEFAULT);
        return new Loaded(new ProjectConfig(file, rules, account, region, partition, parameters, vars, wrappers,
                ignores, resourcePolicies, targets, terraform, templateVars, lint), findings);
    }

    private static ProjectConfig withFile(ProjectConfig c, Optional<Path> file) {
        return new ProjectConfig(file, c.rules(), c.accountId(), c.region(), c.partition(), c.parameters(), c.vars(),
                c.sdkWrappers(), c.ignores(), c.resourcePolicies(), c.targets(), c.terraform(), c.templateVars(),
                c.lint());
    }

    /** Walks the tree, adding a finding for every element it cannot use and keeping the rest. */
    private static final class Reader {
        private final List<Finding> findings;

        Reader(List<Finding> findings) {
            this.findings = findings;
        }

        void bad(Node at, String message) {
            bad(at.location(), message);
        }

        void bad(SourceLocation at, String message) {
            findings.add(new Finding(ReservedRules.BAD_SHAPE, Severity.ERROR, message, at));
        }

        void unknownKeys(ObjectNode obj, List<String> known, String where) {
            for (ObjectNode.Field f : obj.fields()) {
                if (!known.contains(f.key())) {
                    bad(f.keyLocation(), "unknown key '" + f.key() + "' in " + where
                            + Suggestions.didYouMean(f.key(), known) + "; known keys: " + String.join(", ", known));
                }
            }
        }

        Optional<String> string(Node n, String what) {
            if (n instanceof ScalarNode s && !s.isNull() && s.kind() != ScalarNode.Kind.BOOLEAN) {
                return Optional.of(s.text());
            }
            bad(n, what + " must be a string, not a " + n.kindName());
            return Optional.empty();
        }

        Optional<ObjectNode> object(Node n, String what) {
            if (n instanceof ObjectNode o) {
                return Optional.of(o);
            }
            bad(n, what + " must be a mapping, not a " + n.kindName());
            return Optional.empty();
        }

        Optional<ArrayNode> list(Node n, String what) {
            if (n instanceof ArrayNode a) {
                return Optional.of(a);
            }
            bad(n, what + " must be a list, not a " + n.kindName());
            return Optional.empty();
        }

        Map<String, RuleSetting> rules(Node n) {
            Map<String, RuleSetting> out = new LinkedHashMap<>();
            object(n, "rules").ifPresent(o -> {
                for (ObjectNode.Field f : o.fields()) {
                    String id = f.key().toUpperCase(Locale.ROOT);
                    if (!id.matches("IAM\\d{4}")) {
                        bad(f.keyLocation(), "'" + f.key() + "' is not a rule id; rule ids look like 'IAM1001' "
                                + "(run 'iam-preflight rules' to list them)");
                        continue;
                    }
                    rule(id, f.value()).ifPresent(s -> out.put(id, s));
                }
            });
            return out;
        }

        /** {@code off}/{@code on}/{@code false}/{@code true}, a severity name, or {enabled, severity}. */
        private Optional<RuleSetting> rule(String id, Node v) {
            if (v instanceof ScalarNode s && !s.isNull()) {
                String t = s.text().toLowerCase(Locale.ROOT);
                switch (t) {
                    case "off", "false", "disabled", "no" -> {
                        return Optional.of(new RuleSetting(id, false, Optional.empty(), v.location()));
                    }
                    case "on", "true", "enabled", "yes" -> {
                        return Optional.of(new RuleSetting(id, true, Optional.empty(), v.location()));
                    }
                    default -> {
                        return severity(v, "rule " + id)
                                .map(sev -> new RuleSetting(id, true, Optional.of(sev), v.location()));
                    }
                }
            }
            Optional<ObjectNode> o = object(v, "the setting of rule " + id);
            if (o.isEmpty()) {
                return Optional.empty();
            }
            unknownKeys(o.get(), RULE_KEYS, "the setting of rule " + id);
            boolean enabled = true;
            Optional<Node> e = o.get().get("enabled");
            if (e.isPresent()) {
                if (e.get() instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN) {
                    enabled = s.text().equals("true");
                } else {
                    bad(e.get(), "enabled of rule " + id + " must be true or false");
                }
            }
            Optional<Severity> sev = o.get().get("severity").flatMap(n -> severity(n, "rule " + id));
            return Optional.of(new RuleSetting(id, enabled, sev, v.location()));
        }

        /** {@code lint: true|false|error|warning|note}: on, off, or on keeping findings at that severity or above. */
        LintSetting lint(Node n) {
            if (n instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN) {
                return s.text().equals("true") ? LintSetting.ON : LintSetting.OFF;
            }
            List<String> names = List.of("true", "false", "error", "warning", "note");
            if (n instanceof ScalarNode s && !s.isNull() && names.subList(2, 5).contains(s.text().toLowerCase(Locale.ROOT))) {
                return new LintSetting(true, Optional.of(Severity.valueOf(s.text().toUpperCase(Locale.ROOT))));
            }
            String text = n instanceof ScalarNode s ? s.text() : n.kindName();
            bad(n, "lint must be true, false, or the lowest severity of the lint findings check reports (error, "
                    + "warning, note), not '" + text + "'" + Suggestions.didYouMean(text, names));
            return LintSetting.DEFAULT;
        }

        private Optional<Severity> severity(Node n, String what) {
            List<String> names = List.of("error", "warning", "note");
            if (n instanceof ScalarNode s && names.contains(s.text().toLowerCase(Locale.ROOT))) {
                return Optional.of(Severity.valueOf(s.text().toUpperCase(Locale.ROOT)));
            }
            String text = n instanceof ScalarNode s ? s.text() : n.kindName();
            bad(n, "'" + text + "' is not a setting of " + what + "; use off, on, or a severity: error, warning, "
                    + "note" + Suggestions.didYouMean(text, names));
            return Optional.empty();
        }

        Map<String, String> stringMap(Node n, String what) {
            Map<String, String> out = new LinkedHashMap<>();
            object(n, what).ifPresent(o -> {
                for (ObjectNode.Field f : o.fields()) {
                    if (f.value() instanceof ScalarNode s && !s.isNull()) {
                        out.put(f.key(), s.text());
                    } else {
                        bad(f.value(), what + "." + f.key() + " must be a string, number or boolean, not a "
                                + f.value().kindName());
                    }
                }
            });
            return out;
        }

        /** {@code template-vars: {NAME: value, ..., stages: {STAGE: {NAME: value}}}}; values are scalars. */
        TemplateVars templateVars(Node n) {
            Optional<ObjectNode> o = object(n, "template-vars");
            if (o.isEmpty()) {
                return TemplateVars.NONE;
            }
            Map<String, String> vars = new LinkedHashMap<>();
            Map<String, Map<String, String>> stages = new LinkedHashMap<>();
            for (ObjectNode.Field f : o.get().fields()) {
                if (f.key().equals("stages")) {
                    object(f.value(), "template-vars.stages").ifPresent(so -> so.fields().forEach(st -> stages.put(
                            st.key(), stringMap(st.value(), "template-vars.stages." + st.key()))));
                } else if (f.value() instanceof ScalarNode s && !s.isNull()) {
                    vars.put(f.key(), s.text());
                } else {
                    bad(f.value(), "template-vars." + f.key() + " must be a string, number or boolean, not a "
                            + f.value().kindName());
                }
            }
            return new TemplateVars(vars, stages);
        }

        /** {@code terraform: {var-files: [...], workspace: NAME, stages: {STAGE: {var-files, workspace}}}}. */
        TerraformSettings terraform(Node n) {
            Optional<ObjectNode> o = object(n, "terraform");
            if (o.isEmpty()) {
                return TerraformSettings.NONE;
            }
            unknownKeys(o.get(), TERRAFORM_KEYS, "terraform");
            Map<String, TerraformSettings.Stage> stages = new LinkedHashMap<>();
            o.get().get("stages").flatMap(s -> object(s, "terraform.stages")).ifPresent(so -> {
                for (ObjectNode.Field f : so.fields()) {
                    object(f.value(), "terraform.stages." + f.key()).ifPresent(st -> {
                        unknownKeys(st, List.of("var-files", "workspace"), "terraform.stages." + f.key());
                        stages.put(f.key(), new TerraformSettings.Stage(strings(st.get("var-files"),
                                "terraform.stages." + f.key() + ".var-files"), st.get("workspace")
                                .flatMap(w -> string(w, "terraform.stages." + f.key() + ".workspace"))));
                    });
                }
            });
            return new TerraformSettings(strings(o.get().get("var-files"), "terraform.var-files"),
                    o.get().get("workspace").flatMap(w -> string(w, "terraform.workspace")), stages);
        }

        private List<String> strings(Optional<Node> n, String what) {
            List<String> out = new ArrayList<>();
            n.flatMap(x -> list(x, what)).ifPresent(a -> a.items().forEach(i -> string(i, what).ifPresent(out::add)));
            return out;
        }

        Map<String, Node> vars(Node n) {
            Map<String, Node> out = new LinkedHashMap<>();
            object(n, "vars").ifPresent(o -> o.fields().forEach(f -> out.put(f.key(), f.value())));
            return out;
        }

        List<DeclaredResourcePolicy> resourcePolicies(Node n) {
            List<DeclaredResourcePolicy> out = new ArrayList<>();
            list(n, "resource-policies").ifPresent(a -> {
                for (Node item : a.items()) {
                    object(item, "a resource-policies entry").ifPresent(o -> {
                        unknownKeys(o, RESOURCE_POLICY_KEYS, "a resource-policies entry");
                        Optional<String> resource = required(o, "resource", "a resource-policies entry");
                        Optional<String> file = required(o, "file", "a resource-policies entry");
                        resource.ifPresent(arn -> {
                            if (!arn.startsWith("arn:") || arn.split(":", 6).length < 6) {
                                bad(o.get("resource").get(), "resource '" + arn + "' is not an ARN such as "
                                        + "'arn:aws:kms:us-east-1:111122223333:key/1234abcd-...'");
                            }
                        });
                        if (resource.isPresent() && file.isPresent()) {
                            out.add(new DeclaredResourcePolicy(resource.get(), file.get(), o.location()));
                        }
                    });
                }
            });
            return out;
        }

        /** {@code targets: {NAME: {code: [paths], handler: module.function}}}. */
        List<TargetSetting> targets(Node n) {
            List<TargetSetting> out = new ArrayList<>();
            object(n, "targets").ifPresent(o -> {
                for (ObjectNode.Field f : o.fields()) {
                    String where = "targets entry '" + f.key() + "'";
                    object(f.value(), "a " + where).ifPresent(t -> {
                        unknownKeys(t, TARGET_KEYS, "a " + where);
                        List<String> code = new ArrayList<>();
                        Optional<Node> c = t.get("code");
                        if (c.isEmpty()) {
                            bad(t, "a " + where + " needs 'code': the files or folders (relative to the config "
                                    + "file) that the target runs");
                        } else {
                            List<Node> items = c.get() instanceof ArrayNode a ? a.items() : List.of(c.get());
                            for (Node i : items) {
                                string(i, "code").filter(p -> relativePath(i, p)).ifPresent(code::add);
                            }
                        }
                        Optional<String> handler = t.get("handler").flatMap(h -> string(h, "handler"))
                                .filter(h -> {
                                    boolean ok = h.matches("[\\w./-]+[.:][A-Za-z_]\\w*");
                                    if (!ok) {
                                        bad(t.get("handler").get(), "handler '" + h + "' must be written "
                                                + "path/to/module.function or module:app");
                                    }
                                    return ok;
                                });
                        if (!code.isEmpty()) {
                            out.add(new TargetSetting(f.key(), code, handler, f.keyLocation()));
                        }
                    });
                }
            });
            return out;
        }

        private boolean relativePath(Node at, String p) {
            boolean ok = !p.isBlank() && !p.startsWith("/") && !p.matches("[A-Za-z]:.*");
            if (!ok) {
                bad(at, "code '" + p + "' must be a path relative to the config file's folder");
            }
            return ok;
        }

        List<SdkWrapper> wrappers(Node n) {
            List<SdkWrapper> out = new ArrayList<>();
            list(n, "sdk-wrappers").ifPresent(a -> {
                for (Node item : a.items()) {
                    object(item, "an sdk-wrappers entry").ifPresent(o -> {
                        unknownKeys(o, WRAPPER_KEYS, "an sdk-wrappers entry");
                        Optional<String> function = required(o, "function", "an sdk-wrappers entry");
                        Optional<String> service = required(o, "service", "an sdk-wrappers entry");
                        Optional<String> operation = required(o, "operation", "an sdk-wrappers entry");
                        Map<String, String> args = o.get("arguments")
                                .map(v -> stringMap(v, "arguments")).orElse(Map.of());
                        if (function.isPresent() && service.isPresent() && operation.isPresent()) {
                            out.add(new SdkWrapper(function.get(), service.get(), operation.get(), args,
                                    o.location()));
                        }
                    });
                }
            });
            return out;
        }

        private Optional<String> required(ObjectNode o, String key, String where) {
            Optional<Node> v = o.get(key);
            if (v.isEmpty()) {
                bad(o, where + " needs '" + key + "'");
                return Optional.empty();
            }
            Optional<String> s = string(v.get(), key);
            if (s.isPresent() && s.get().isBlank()) {
                bad(v.get(), key + " must not be empty");
                return Optional.empty();
            }
            return s;
        }

        List<IgnoreEntry> ignores(Node n) {
            List<IgnoreEntry> out = new ArrayList<>();
            list(n, "ignore").ifPresent(a -> {
                for (Node item : a.items()) {
                    object(item, "an ignore entry").ifPresent(o -> ignore(o).ifPresent(out::add));
                }
            });
            return out;
        }

        private Optional<IgnoreEntry> ignore(ObjectNode o) {
            unknownKeys(o, IGNORE_KEYS, "an ignore entry");
            Optional<String> rule = required(o, "rule", "an ignore entry");
            rule.ifPresent(id -> {
                if (!id.equals("*") && !id.toUpperCase(Locale.ROOT).matches("IAM\\d{4}")) {
                    bad(o.get("rule").get(), "'" + id + "' is not a rule id; use an id such as 'IAM1001', or '*'");
                }
            });
            // A reason is required so that every ignored finding says why it is safe (as parliament asks).
            Optional<String> reason = required(o, "reason", "an ignore entry (say why the finding is safe to ignore)");
            Optional<LocalDate> expires = Optional.empty();
            Optional<Node> e = o.get("expires");
            if (e.isPresent()) {
                Optional<String> text = string(e.get(), "expires");
                if (text.isPresent()) {
                    try {
                        expires = Optional.of(LocalDate.parse(text.get().trim()));
                    } catch (DateTimeParseException ex) {
                        bad(e.get(), "expires '" + text.get() + "' is not a date; write it as YYYY-MM-DD");
                    }
                }
            }
            Optional<String> path = o.get("path").flatMap(v -> string(v, "path"));
            Optional<String> target = o.get("target").flatMap(v -> string(v, "target"));
            Optional<String> action = o.get("action").flatMap(v -> string(v, "action"));
            if (rule.isEmpty() || reason.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new IgnoreEntry(rule.get().toUpperCase(Locale.ROOT), reason.get(), expires, path,
                    target, action, o.location()));
        }
    }
}
