package dev.iampreflight.iac.serverless.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.internal.DisplayPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Serverless Framework variables ({@code ${source:address, fallback}}) in a parsed serverless.yml, as the
 * framework documents them (https://www.serverless.com/framework/docs/guides/variables): {@code self:} paths into the
 * service file (nested paths, array indexes, variables inside the address), {@code opt:stage}/{@code opt:region} from
 * the options, {@code sls:stage}, {@code aws:accountId}/{@code aws:region}, {@code param:} from the file's
 * {@code params}, {@code file(...)} of local YAML/JSON files read with the same reader, and fallbacks after a comma
 * (quoted literals, numbers, booleans, another variable, or an old-style bare {@code self:x}).
 *
 * <p>Nothing is read from the machine or from AWS: {@code env:} values, {@code ssm:}, {@code cf:}, {@code s3:} and
 * plugin sources are unknown ({@code {?}}). A fallback is used when the source has no value (an option not given, a
 * missing self path), or when the source is unknown offline and the fallback is a literal or resolves to a known
 * value (so {@code ${env:STAGE, self:custom.defaultStage}} is the default stage). Text such as
 * {@code ${AWS::Region}} or {@code ${Table.Arn}} that is no Serverless variable is left for CloudFormation's Sub.
 * Never throws for bad input: every problem is a located finding and the value becomes unknown.
 */
public final class Variables {

    private static final String U = SymbolicValue.UNKNOWN;
    /** A Serverless variable source: a name, optional (args), then a single colon (not CloudFormation's ::). */
    private static final Pattern SOURCE = Pattern.compile("^([A-Za-z][A-Za-z0-9.\\-]*)(\\((.*)\\))?(:(?!:)(.*))?$",
            Pattern.DOTALL);
    private static final Set<String> OFFLINE_UNKNOWN = Set.of("ssm", "cf", "s3", "secretsmanager");

    private final Path root;
    private final Path serviceDir;
    private final ObjectNode self;
    private final List<Finding> findings;
    private final Map<String, String> options;
    private final Map<String, Optional<Node>> selfCache = new HashMap<>();
    private final Map<Path, Optional<Node>> fileCache = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
    private final Set<Path> filesRead = new LinkedHashSet<>();
    private final Set<String> missingReported = new HashSet<>();
    private String stage;
    private final String region;
    private final String account;

    /**
     * @param options {@code opt:} values given on the command line ({@code stage}, {@code region})
     * @param stage   the stage when already known; {@code null} while the stage itself is being resolved
     */
    public Variables(Path root, Path serviceFile, ObjectNode self, Map<String, String> options, String stage,
                     String region, String account, List<Finding> findings) {
        this.root = root.toAbsolutePath().normalize();
        this.serviceDir = serviceFile.toAbsolutePath().normalize().getParent();
        this.self = self;
        this.options = options;
        this.stage = stage;
        this.region = region;
        this.account = account;
        this.findings = findings;
    }

    public void stage(String s) {
        this.stage = s;
        selfCache.clear();
    }

    /** The files read through {@code ${file(...)}}, so that discovery does not read them again as templates. */
    public Set<Path> filesRead() {
        return filesRead;
    }

    /** The node with every Serverless variable resolved; empty when it resolves to no value. */
    public Optional<Node> resolve(Node n) {
        if (n instanceof ScalarNode s) {
            return s.isString() && (s.text().contains("${") || s.text().contains("#{")) ? resolveString(s)
                    : Optional.of(n);
        }
        if (n instanceof ObjectNode o) {
            List<ObjectNode.Field> out = new ArrayList<>();
            for (ObjectNode.Field f : o.fields()) {
                resolve(f.value()).ifPresent(v -> out.add(new ObjectNode.Field(f.key(), f.keyLocation(), v)));
            }
            return Optional.of(new ObjectNode(out, o.duplicateKeys(), o.location(), o.tag()));
        }
        ArrayNode a = (ArrayNode) n;
        List<Node> out = new ArrayList<>();
        for (Node item : a.items()) {
            resolve(item).ifPresent(out::add);
        }
        return Optional.of(new ArrayNode(out, a.location(), a.tag()));
    }

    /** The text of a resolved scalar, {@code {?}} for anything else. */
    public static String text(Optional<Node> n) {
        return n.filter(x -> x instanceof ScalarNode s && !s.isNull()).map(x -> ((ScalarNode) x).text()).orElse(U);
    }

    // ---- strings -------------------------------------------------------------------------------------------------

    /** One located string: a lone variable keeps the type of its value, text around variables is concatenated. */
    private Optional<Node> resolveString(ScalarNode written) {
        String t = pseudoParameters(written.text());
        ScalarNode s = t.equals(written.text()) ? written
                : new ScalarNode(written.kind(), t, written.location(), written.tag());
        List<int[]> spans = variables(t, s.location());
        if (spans.isEmpty()) {
            return Optional.of(s);
        }
        if (spans.size() == 1 && spans.get(0)[0] == 0 && spans.get(0)[1] == t.length()) {
            Result r = variable(t.substring(2, t.length() - 1), s.location());
            return switch (r.kind) {
                case VALUE -> r.node.map(v -> retag(v, s));
                case UNDEFINED -> Optional.empty();
                case LITERAL -> Optional.of(new ScalarNode(ScalarNode.Kind.STRING, t, s.location(), s.tag()));
                case UNKNOWN -> Optional.of(new ScalarNode(ScalarNode.Kind.STRING, U, s.location(), s.tag()));
            };
        }
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (int[] span : spans) {
            sb.append(t, last, span[0]);
            String inner = t.substring(span[0] + 2, span[1] - 1);
            Result r = variable(inner, s.location());
            switch (r.kind) {
                case LITERAL -> sb.append(t, span[0], span[1]);
                case UNDEFINED -> sb.append(U);
                case UNKNOWN -> sb.append(U);
                case VALUE -> {
                    Node v = r.node.orElseThrow();
                    if (v instanceof ScalarNode sv && !sv.isNull()) {
                        sb.append(sv.text());
                    } else {
                        report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.WARNING, "'${" + inner + "}' is "
                                + v.kindName() + ", which cannot be part of the text '" + t + "'; the part is "
                                + "treated as unknown", s.location());
                        sb.append(U);
                    }
                }
                default -> throw new IllegalStateException();
            }
            last = span[1];
        }
        sb.append(t.substring(last));
        return Optional.of(new ScalarNode(ScalarNode.Kind.STRING, sb.toString(), s.location(), s.tag()));
    }

    /** A lone variable's value takes the place (and any CloudFormation tag) of the string that referenced it. */
    private static Node retag(Node v, ScalarNode at) {
        if (at.tag().isEmpty()) {
            return v;
        }
        if (v instanceof ScalarNode sv) {
            return new ScalarNode(sv.kind(), sv.text(), sv.location(), at.tag());
        }
        return v;
    }

    private static final Pattern PSEUDO = Pattern.compile("#\\{([A-Za-z0-9:._]+)}");

    /**
     * The serverless-pseudo-parameters plugin's {@code #{AWS::AccountId}} (any {@code #{Name}}) is CloudFormation's
     * {@code ${Name}}: account and region from what is known, anything else unknown.
     */
    private String pseudoParameters(String t) {
        if (!t.contains("#{")) {
            return t;
        }
        Matcher m = PSEUDO.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = switch (m.group(1)) {
                case "AWS::AccountId" -> account;
                case "AWS::Region" -> region;
                case "AWS::URLSuffix" -> "amazonaws.com";
                default -> U;
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** [start, end) of each top-level {@code ${...}} in {@code t}, braces nested. */
    private List<int[]> variables(String t, SourceLocation at) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (true) {
            int start = t.indexOf("${", i);
            if (start < 0) {
                return out;
            }
            int depth = 0;
            int end = -1;
            for (int j = start; j < t.length(); j++) {
                char c = t.charAt(j);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (depth == 0) {
                        end = j + 1;
                        break;
                    }
                }
            }
            if (end < 0) {
                report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.WARNING, "'" + t + "' opens a variable with '${' "
                        + "that is never closed with '}'", at);
                return out;
            }
            out.add(new int[]{start, end});
            i = end;
        }
    }

    private enum Kind { VALUE, UNDEFINED, UNKNOWN, LITERAL }

    /** VALUE with a node; UNDEFINED: the source has no value; UNKNOWN: not known offline; LITERAL: not ours. */
    private record Result(Kind kind, Optional<Node> node, Optional<String> missingFile) {
        static final Result UNDEFINED = new Result(Kind.UNDEFINED, Optional.empty(), Optional.empty());
        static final Result UNKNOWN = new Result(Kind.UNKNOWN, Optional.empty(), Optional.empty());
        static final Result LITERAL = new Result(Kind.LITERAL, Optional.empty(), Optional.empty());

        static Result of(Node n) {
            return new Result(Kind.VALUE, Optional.of(n), Optional.empty());
        }
    }

    /** The inside of one {@code ${...}}: a source and its fallbacks. */
    private Result variable(String inner, SourceLocation at) {
        List<String> parts = splitTopLevel(inner);
        String primary = parts.get(0).trim();
        if (primary.contains("${")) {
            // A variable inside the address: ${self:custom.${opt:stage}.table}.
            String resolved = text(resolveString(ScalarNode.string(primary, at)));
            if (resolved.contains(U)) {
                return fallback(Result.UNKNOWN, parts, at, inner);
            }
            primary = resolved;
        }
        Matcher m = source(primary);
        if (m == null) {
            // ${AWS::Region}, ${Table.Arn}, ${MyParameter}: CloudFormation's Sub syntax, not a Serverless variable.
            return Result.LITERAL;
        }
        Result r = source(m.group(1), m.group(3), m.group(5) == null ? "" : m.group(5).trim(), primary, at);
        if (r.kind == Kind.VALUE && r.node.get() instanceof ScalarNode sn && sn.isNull()) {
            r = Result.UNDEFINED; // the framework treats null like a missing value: the fallback applies
        }
        return fallback(r, parts, at, inner);
    }

    private Result fallback(Result first, List<String> parts, SourceLocation at, String inner) {
        if (first.kind == Kind.VALUE || first.kind == Kind.LITERAL || parts.size() < 2) {
            if (first.kind == Kind.UNDEFINED && first.missingFile.isPresent()) {
                // One finding per missing file (often a git-ignored .env.yml), not one per variable.
                if (missingReported.add(first.missingFile.get())) {
                    report(ReservedRules.UNREADABLE, Severity.WARNING, "'" + first.missingFile.get() + "' named by '${"
                            + inner + "}' does not exist, and the variable has no fallback; its values are unknown", at);
                }
                return Result.UNKNOWN;
            }
            if (first.kind == Kind.UNDEFINED) {
                report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.WARNING, "'${" + inner + "}' has no value and "
                        + "no fallback (the Serverless Framework stops with an error); it is treated as unknown", at);
                return Result.UNKNOWN;
            }
            return first;
        }
        String fb = parts.get(1).trim();
        Optional<Node> literal = literal(fb, at);
        if (literal.isPresent()) {
            return Result.of(literal.get());
        }
        List<String> rest = new ArrayList<>(parts.subList(1, parts.size()));
        String next = fb.startsWith("${") && fb.endsWith("}") ? fb.substring(2, fb.length() - 1) : fb;
        rest.set(0, next);
        Result second = variable(String.join(",", rest), at);
        if (first.kind == Kind.UNKNOWN && !(second.kind == Kind.VALUE && known(second.node.get()))) {
            // An unknown source whose fallback is not a known value itself: unknown, not a guess.
            return first;
        }
        return second;
    }

    /** True when a value has no unknown part, so it can stand in for an unknown source as a literal would. */
    private static boolean known(Node n) {
        return !(n instanceof ScalarNode s) || !s.text().contains(U);
    }

    /** A quoted string, a number, a boolean or null written as a fallback. */
    private static Optional<Node> literal(String fb, SourceLocation at) {
        if (fb.length() >= 2 && (fb.startsWith("'") && fb.endsWith("'") || fb.startsWith("\"") && fb.endsWith("\""))) {
            return Optional.of(ScalarNode.string(fb.substring(1, fb.length() - 1), at));
        }
        if (fb.matches("-?\\d+(\\.\\d+)?")) {
            return Optional.of(new ScalarNode(ScalarNode.Kind.NUMBER, fb, at, Optional.empty()));
        }
        if (fb.equals("true") || fb.equals("false")) {
            return Optional.of(new ScalarNode(ScalarNode.Kind.BOOLEAN, fb, at, Optional.empty()));
        }
        if (fb.equals("null")) {
            return Optional.of(new ScalarNode(ScalarNode.Kind.NULL, "null", at, Optional.empty()));
        }
        if (!fb.contains("${") && source(fb) == null) {
            return Optional.of(ScalarNode.string(fb, at)); // a bare word is taken as written
        }
        return Optional.empty();
    }

    /** The parts of a source ({@code self:a.b}, {@code file(x.yml):k}, {@code file(x.yml)}), or null. */
    private static Matcher source(String s) {
        Matcher m = SOURCE.matcher(s);
        return m.matches() && (m.group(2) != null || m.group(4) != null) ? m : null;
    }

    /** Splits on commas outside quotes, parentheses and nested variables. */
    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int last = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(last, i));
                last = i + 1;
            }
        }
        out.add(s.substring(last));
        return out;
    }

    // ---- sources -------------------------------------------------------------------------------------------------

    private Result source(String source, String args, String address, String written, SourceLocation at) {
        switch (source) {
            case "self":
                return self(address, at);
            case "opt":
                return Optional.ofNullable(options.get(address)).map(v -> Result.of(ScalarNode.string(v, at)))
                        .orElse(Result.UNDEFINED);
            case "sls":
                if (address.equals("stage")) {
                    return stage == null ? Result.UNKNOWN : Result.of(ScalarNode.string(stage, at));
                }
                return Result.UNKNOWN; // instanceId and the like are made at deploy time
            case "aws":
                if (address.equals("accountId")) {
                    return Result.of(ScalarNode.string(account, at));
                }
                if (address.equals("region")) {
                    return Result.of(ScalarNode.string(region, at));
                }
                report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.WARNING, "'${" + written + "}': the aws source "
                        + "has only accountId and region", at);
                return Result.UNKNOWN;
            case "env":
                return Result.UNKNOWN; // the deploying machine's environment is not this machine's
            case "param":
                return param(address, at);
            case "file":
                return file(args, address, written, at);
            default:
                if (OFFLINE_UNKNOWN.contains(source) || source.startsWith("cf.") || source.startsWith("ssm.")) {
                    return Result.UNKNOWN; // lives in AWS
                }
                report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.NOTE, "variable source '" + source + "' in '${"
                        + written + "}' is not resolved offline (a plugin or a source iam-preflight does not read); "
                        + "its value is unknown", at);
                return Result.UNKNOWN;
        }
    }

    /** {@code params.<stage>.<key>} or {@code params.default.<key>} of the service file (Serverless v3 and v4). */
    private Result param(String key, SourceLocation at) {
        for (String level : stage == null ? List.of("default") : List.of(stage, "default")) {
            Result r = self("params." + level + "." + key, at);
            if (r.kind != Kind.UNDEFINED) {
                return r;
            }
        }
        return Result.UNKNOWN; // may be set in the Serverless Dashboard
    }

    private Result self(String address, SourceLocation at) {
        String path = address.startsWith(":") ? address.substring(1) : address;
        String key = "self:" + path;
        if (selfCache.containsKey(key)) {
            return selfCache.get(key).map(Result::of).orElse(Result.UNDEFINED);
        }
        if (!resolving.add(key)) {
            report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.WARNING, "'${" + key + "}' refers to itself "
                    + "through other variables; it is treated as unknown", at);
            return Result.UNKNOWN;
        }
        try {
            Optional<Node> v = walk(self, path, at, true);
            if (v.isEmpty() && (path.equals("provider.stage") && stage != null || path.equals("provider.region"))) {
                // The framework's Service fills in provider.stage and provider.region before variables resolve.
                v = Optional.of(ScalarNode.string(path.equals("provider.stage") ? stage : region, at));
            }
            selfCache.put(key, v);
            return v.map(Result::of).orElse(Result.UNDEFINED);
        } finally {
            resolving.remove(key);
        }
    }

    /**
     * Follows a dotted path through a tree. A step into a value that is itself a {@code self:} or {@code file()}
     * variable follows it without resolving what else it holds (so {@code custom: ${file(custom.yml)}} whose
     * entries refer back to provider does not loop); the value found is resolved when {@code resolveEnd}.
     */
    private Optional<Node> walk(Node start, String path, SourceLocation at, boolean resolveEnd) {
        Optional<Node> cur = Optional.of(start);
        if (!path.isEmpty()) {
            for (String step : path.split("\\.")) {
                Optional<Node> here = cur.flatMap(n -> shallow(n, at));
                if (here.isEmpty()) {
                    return Optional.empty();
                }
                Node n = here.get();
                if (n instanceof ObjectNode o) {
                    cur = o.get(step);
                } else if (n instanceof ArrayNode a && step.matches("\\d+") && Integer.parseInt(step) < a.items()
                        .size()) {
                    cur = Optional.of(a.items().get(Integer.parseInt(step)));
                } else {
                    return Optional.empty();
                }
                if (cur.isEmpty()) {
                    return Optional.empty();
                }
            }
        }
        return resolveEnd ? cur.flatMap(this::resolve) : cur;
    }

    /** A scalar that is itself a variable is followed (self, file: without resolving inside) before a path goes on. */
    private Optional<Node> shallow(Node n, SourceLocation at) {
        if (!(n instanceof ScalarNode s) || !s.isString()) {
            return Optional.of(n);
        }
        String t = s.text().trim();
        List<int[]> spans = t.contains("${") ? variables(t, s.location()) : List.of();
        if (spans.size() == 1 && spans.get(0)[0] == 0 && spans.get(0)[1] == t.length()) {
            List<String> parts = splitTopLevel(t.substring(2, t.length() - 1));
            String primary = parts.get(0).trim();
            Matcher m = parts.size() == 1 && !primary.contains("${") ? source(primary) : null;
            if (m != null && (m.group(1).equals("self") || m.group(1).equals("file"))) {
                String address = m.group(5) == null ? "" : m.group(5).trim();
                String key = "raw:" + primary;
                if (!resolving.add(key)) {
                    report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.WARNING, "'${" + primary + "}' refers to "
                            + "itself through other variables; it is treated as unknown", s.location());
                    return Optional.empty();
                }
                try {
                    if (m.group(1).equals("self")) {
                        return walk(self, address.startsWith(":") ? address.substring(1) : address, at, false);
                    }
                    Result r = file(m.group(3), address, primary, s.location(), false);
                    return r.node;
                } finally {
                    resolving.remove(key);
                }
            }
        }
        return resolve(n);
    }

    private Result file(String args, String address, String written, SourceLocation at) {
        return file(args, address, written, at, true);
    }

    private Result file(String args, String address, String written, SourceLocation at, boolean resolveEnd) {
        if (args == null || args.isBlank()) {
            report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.WARNING, "'${" + written + "}' names no file; "
                    + "write ${file(./path.yml):key}", at);
            return Result.UNKNOWN;
        }
        String fileArg = text(resolveString(ScalarNode.string(args.trim(), at)));
        if (fileArg.length() >= 2 && (fileArg.startsWith("'") || fileArg.startsWith("\""))) {
            fileArg = fileArg.substring(1, fileArg.length() - 1);
        }
        // Serverless reads "file(...)" relative to the directory of the file that holds the variable.
        Path base = at.file().isEmpty() ? serviceDir : root.resolve(at.file()).getParent();
        Path target = (base == null ? serviceDir : base).resolve(fileArg).normalize();
        String shown = DisplayPaths.rel(root, target);
        if (fileArg.contains(U)) {
            return Result.UNKNOWN;
        }
        if (!target.startsWith(root)) {
            report(ReservedRules.UNREADABLE, Severity.WARNING, "'" + fileArg + "' is outside the project directory "
                    + "and is not read; '${" + written + "}' is treated as unknown", at);
            return Result.UNKNOWN;
        }
        String lower = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yml") || lower.endsWith(".yaml") || lower.endsWith(".json"))) {
            report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.NOTE, "'${" + written + "}': '" + shown + "' is "
                    + "code (the framework runs it); iam-preflight reads only YAML and JSON files, so the value is "
                    + "unknown", at);
            return Result.UNKNOWN;
        }
        if (!Files.isRegularFile(target)) {
            // The framework reads a missing file as no value, so a fallback applies; reported only without one.
            return new Result(Kind.UNDEFINED, Optional.empty(), Optional.of(shown));
        }
        Optional<Node> content = fileCache.computeIfAbsent(target, p -> {
            filesRead.add(p);
            TreeReader.Result tree = TreeReader.read(p, shown);
            findings.addAll(tree.findings());
            return tree.root();
        });
        if (content.isEmpty()) {
            return Result.UNKNOWN;
        }
        String key = "file:" + shown + ":" + address;
        if (!resolving.add(key)) {
            report(InfraRules.SLS_UNRESOLVED_VARIABLE, Severity.WARNING, "'${" + written + "}' refers to itself "
                    + "through other variables; it is treated as unknown", at);
            return Result.UNKNOWN;
        }
        try {
            Optional<Node> v = walk(content.get(), address, at, resolveEnd);
            return v.map(Result::of).orElse(Result.UNDEFINED);
        } finally {
            resolving.remove(key);
        }
    }

    private void report(String rule, Severity s, String message, SourceLocation at) {
        if (reported.add(rule + message + at)) {
            findings.add(new Finding(rule, s, message, at));
        }
    }
}
