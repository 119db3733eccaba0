package dev.iampreflight.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.UserException;
import dev.iampreflight.eval.ActionFacts;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.ElementCheck;
import dev.iampreflight.eval.EvalJson;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.PolicyTrace;
import dev.iampreflight.eval.Reason;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.ResourcePolicyKind;
import dev.iampreflight.eval.StatementRef;
import dev.iampreflight.eval.StatementTrace;
import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.eval.Engine;
import dev.iampreflight.eval.ReasonCode;
import dev.iampreflight.eval.aws.AwsSimulator;
import dev.iampreflight.check.Simulation;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code iam-preflight simulate}: one request, or a JSON-lines batch, through the local engine. Exit 0 when allowed,
 * 1 when denied or allowed only for some values of an unknown resource part, 2 for usage errors and unreadable
 * policies. The formats are described in docs/engine.md.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Evaluate a request (or a JSON-lines batch of requests) against IAM policies with the local "
                + "engine (or the AWS IAM policy simulator: --simulator aws|both), and explain the decision.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the request is allowed (batch: every request allowed)",
                "1:the request is denied, or allowed only for some values of an unknown resource part {?}",
                "2:usage error, unreadable policy file, or (batch) a malformed line"})
public final class SimulateCommand extends BaseCommand {

    @Mixin
    OutputOptions.Plain output;

    @Option(names = "--policy", paramLabel = "FILE", description = "Identity-based policy (repeatable).")
    List<Path> policies = new ArrayList<>();

    @Option(names = "--resource-policy", paramLabel = "FILE", description = "Resource-based policy.")
    Path resourcePolicy;

    @Option(names = "--resource-policy-kind", paramLabel = "KIND", defaultValue = "generic",
            description = "What the resource policy is: generic, kms (KMS key policy) or trust (role trust policy). "
                    + "Default: ${DEFAULT-VALUE}.")
    String resourcePolicyKind = "generic";

    @Option(names = "--boundary", paramLabel = "FILE", description = "Permissions boundary (repeatable).")
    List<Path> boundaries = new ArrayList<>();

    @Option(names = "--session-policy", paramLabel = "FILE", description = "Session policy.")
    Path sessionPolicy;

    @Option(names = "--scp", paramLabel = "FILE",
            description = "Service control policy, one level each, organization root first (repeatable).")
    List<Path> scps = new ArrayList<>();

    @Option(names = "--rcp", paramLabel = "FILE",
            description = "Resource control policy, one level each, organization root first (repeatable).")
    List<Path> rcps = new ArrayList<>();

    @Option(names = "--action", paramLabel = "ACTION", description = "The action, e.g. s3:GetObject.")
    String action;

    @Option(names = "--resource", paramLabel = "ARN",
            description = "The resource ARN; {?} marks an unknown part. Default: *.")
    String resource;

    @Option(names = "--principal", paramLabel = "ARN",
            description = "The principal: an IAM ARN or a service principal such as s3.amazonaws.com; "
                    + "anonymous when left out.")
    String principal;

    @Option(names = "--resource-account", paramLabel = "ID", description = "The account that owns the resource.")
    String resourceAccount;

    @Option(names = "--context", paramLabel = "KEY=VALUE",
            description = "A request context value (repeatable): key=value, key=a,b for several values, or a JSON "
                    + "string or array such as key='[\"a\",\"b\"]'.")
    List<String> context = new ArrayList<>();

    @Option(names = "--explain", description = "Print the trace: every statement and why it matched or not.")
    boolean explain;

    @Option(names = "--no-explain", description = "With --batch: print only each line's id and decision, without "
            + "the explanation (reasons, patterns).")
    boolean noExplain;

    @Mixin
    SimulatorOptions simulator;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region for --simulator aws|both (default: AWS_REGION, the profile's, else us-east-1).")
    String region;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "Evaluate a JSON-lines file (- for standard input): one request object per line, one "
                    + "result object per line.")
    String batch;

    @Override
    protected void validate() {
        simulator.validate();
        if (simulator.roleArn().isPresent()) {
            throw new UserException("--role-arn is an option of check; simulate a deployed role with --principal "
                    + "and the role's policies, or run check --role-arn");
        }
        if (batch == null && action == null) {
            throw new UserException("--action is required (or use --batch FILE)");
        }
        if (noExplain && (batch == null || explain)) {
            throw new UserException("--no-explain is an option of --batch, and cannot be combined with --explain");
        }
        if (batch != null && (action != null || !policies.isEmpty() || resourcePolicy != null)) {
            throw new UserException("--batch reads requests and policies from its lines; do not combine it with "
                    + "--action, --policy or --resource-policy");
        }
        try {
            EvalJson.kind(EvalJson.MAPPER.getNodeFactory().textNode(resourcePolicyKind));
        } catch (IllegalArgumentException e) {
            throw new UserException("--resource-policy-kind must be generic, kms or trust, not '"
                    + resourcePolicyKind + "'");
        }
    }

    @Override
    protected ExitCode execute() throws IOException {
        LocalEngine local = new LocalEngine(ActionFacts.bundled());
        Optional<AwsSimulator> aws = simulator.simulator(Optional.ofNullable(region), console().err(),
                verbosity.verbosity());
        boolean both = simulator.mode() == Simulation.Mode.BOTH;
        // aws: the simulator decides (falling back to the local answer, with a reason, where it cannot);
        // both: the local engine decides and the simulator's answer is shown beside it.
        Engine engine = aws.isPresent() && !both ? aws.get() : local;
        Optional<Engine> second = both ? aws.map(a -> (Engine) a) : Optional.empty();
        try {
            return run(engine, second);
        } finally {
            SimulatorOptions.printStats(aws, console().err(), verbosity.verbosity());
        }
    }

    private ExitCode run(Engine engine, Optional<Engine> second) throws IOException {
        if (batch != null) {
            return batch(engine, second);
        }
        List<Finding> problems = new ArrayList<>();
        List<PolicyDocument> identity = read(policies, problems);
        Optional<PolicyDocument> resourceDoc = readOne(resourcePolicy, problems);
        List<PolicyDocument> boundaryDocs = read(boundaries, problems);
        Optional<PolicyDocument> session = readOne(sessionPolicy, problems);
        List<List<PolicyDocument>> scpLevels = levels(scps, problems);
        List<List<PolicyDocument>> rcpLevels = levels(rcps, problems);
        if (!problems.isEmpty()) {
            PrintWriter err = console().err();
            for (Finding f : problems) {
                err.println(f);
            }
            err.flush();
            return ExitCode.USAGE;
        }
        ResourcePolicyKind kind = EvalJson.kind(EvalJson.MAPPER.getNodeFactory().textNode(resourcePolicyKind));
        PolicySet set = new PolicySet(identity, resourceDoc, kind, boundaryDocs, session, scpLevels, rcpLevels);
        Request request = new Request(action, resource == null ? "*" : resource, Optional.ofNullable(principal),
                Optional.ofNullable(resourceAccount), parseContext());
        Decision d = engine.evaluate(set, request);
        Optional<Decision> other = second.map(e -> e.evaluate(set, request));
        if (output.format() == OutputFormat.json) {
            ObjectNode o = EvalJson.MAPPER.createObjectNode();
            o.put("decision", d.kind().json());
            o.set("explanation", EvalJson.explanation(d, explain));
            other.ifPresent(x -> o.set("simulator", simulatorJson(d, x)));
            emit(output, o.toString() + System.lineSeparator());
        } else {
            String text = text(request, d);
            if (other.isPresent()) {
                text += "AWS IAM policy simulator: " + other.get().kind().json() + System.lineSeparator();
                for (Reason reason : other.get().reasons()) {
                    text += "  " + reason.code() + ": " + reason.message() + System.lineSeparator();
                }
                if (disagree(d, other.get())) {
                    text += "the local engine and the simulator disagree (see docs/engine.md for known differences)"
                            + System.lineSeparator();
                }
            }
            emit(output, text);
        }
        boolean allowed = d.kind() == DecisionKind.ALLOWED
                && other.map(x -> x.kind() == DecisionKind.ALLOWED).orElse(true);
        return allowed ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private static boolean disagree(Decision local, Decision remote) {
        return !remote.reasonCodes().contains(ReasonCode.NOT_CHECKED_REMOTELY)
                && local.kind() != DecisionKind.ALLOWED_FOR_SOME
                && (local.kind() == DecisionKind.ALLOWED) != (remote.kind() == DecisionKind.ALLOWED);
    }

    private ObjectNode simulatorJson(Decision local, Decision remote) {
        ObjectNode s = EvalJson.MAPPER.createObjectNode();
        s.put("decision", remote.kind().json());
        s.set("explanation", EvalJson.explanation(remote, false));
        s.put("disagrees", disagree(local, remote));
        return s;
    }

    private Map<String, List<String>> parseContext() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String c : context) {
            int eq = c.indexOf('=');
            if (eq <= 0) {
                throw new UserException("--context '" + c + "' must be KEY=VALUE");
            }
            String key = c.substring(0, eq).trim();
            String value = c.substring(eq + 1);
            List<String> values;
            if (value.startsWith("[") || value.startsWith("\"")) {
                try {
                    values = EvalJson.contextValues(key, EvalJson.MAPPER.readTree(value));
                } catch (IOException | IllegalArgumentException e) {
                    throw new UserException("--context '" + c + "': the value is not valid JSON (" + oneLine(e)
                            + ")");
                }
            } else if (value.isEmpty()) {
                values = List.of("");
            } else {
                values = List.of(value.split(",", -1));
            }
            out.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
        }
        return out;
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static List<PolicyDocument> read(List<Path> files, List<Finding> problems) {
        List<PolicyDocument> out = new ArrayList<>();
        for (Path f : files) {
            readOne(f, problems).ifPresent(out::add);
        }
        return out;
    }

    private static List<List<PolicyDocument>> levels(List<Path> files, List<Finding> problems) {
        List<List<PolicyDocument>> out = new ArrayList<>();
        for (Path f : files) {
            readOne(f, problems).ifPresent(d -> out.add(List.of(d)));
        }
        return out;
    }

    private static Optional<PolicyDocument> readOne(Path f, List<Finding> problems) {
        if (f == null) {
            return Optional.empty();
        }
        PolicyParser.Result r = PolicyParser.parseFile(f, f.toString());
        boolean bad = false;
        for (Finding finding : r.findings()) {
            if (finding.severity() == Severity.ERROR) {
                problems.add(finding);
                bad = true;
            }
        }
        return bad ? Optional.empty() : r.document();
    }

    private String text(Request r, Decision d) {
        Console c = console();
        StringBuilder sb = new StringBuilder();
        String style = d.kind() == DecisionKind.ALLOWED ? Console.GREEN
                : d.kind() == DecisionKind.ALLOWED_FOR_SOME ? Console.YELLOW : Console.RED;
        sb.append(c.style(Console.BOLD + style, d.kind().json())).append(": ").append(r.action()).append(" on ")
                .append(r.resource()).append(" by ").append(r.principal().orElse("an anonymous principal"))
                .append(System.lineSeparator());
        for (String p : d.allowedPatterns()) {
            sb.append("  allowed for: ").append(p).append(System.lineSeparator());
        }
        for (Reason reason : d.reasons()) {
            sb.append("  ").append(reason.code()).append(": ").append(reason.message()).append(System.lineSeparator());
            for (StatementRef s : reason.statements()) {
                sb.append("    at ").append(s).append(System.lineSeparator());
            }
        }
        if (explain) {
            sb.append(explainText(d));
        }
        return sb.toString();
    }

    static String explainText(Decision d) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        if (d.trace().policies().isEmpty()) {
            sb.append("trace: no policies").append(nl);
        }
        for (PolicyTrace p : d.trace().policies()) {
            sb.append(nl).append(p.role().label()).append(p.level() >= 0 ? " level " + p.level() : "").append(" '")
                    .append(p.policyName()).append("'").append(nl);
            for (StatementTrace s : p.statements()) {
                sb.append("  ").append(s.statement().statementLabel());
                if (!s.statement().location().file().isEmpty()) {
                    sb.append(" (").append(s.statement().location()).append(')');
                }
                sb.append(" ").append(s.effect().json()).append(": ")
                        .append(s.matched() ? "applies" : s.matchedSome() ? "applies to some values" : "does not apply")
                        .append(nl);
                for (ElementCheck c : s.checks()) {
                    sb.append("    ").append(c.matched() ? "[x] " : "[ ] ").append(c.element()).append(": ")
                            .append(c.detail()).append(nl);
                }
            }
        }
        return sb.toString();
    }

    /**
     * Splits a byte stream into lines (without their LF or CR LF) reading 64 KiB at a time: reading byte by byte
     * through a synchronized stream was most of a batch's cost.
     */
    static final class LineReader {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private boolean eof;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line, or null at the end. */
        byte[] next() throws IOException {
            int from = pos;
            while (true) {
                for (int i = from; i < limit; i++) {
                    if (buf[i] == '\n') {
                        byte[] line = slice(pos, i);
                        pos = i + 1;
                        return line;
                    }
                }
                if (eof) {
                    if (pos == limit) {
                        return null;
                    }
                    byte[] line = slice(pos, limit);
                    pos = limit;
                    return line;
                }
                from = limit - pos;
                fill();
            }
        }

        private byte[] slice(int start, int lineEnd) {
            int end = lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            return java.util.Arrays.copyOfRange(buf, start, end);
        }

        /** Moves the unread part to the front, grows the buffer for a long line, and reads more. */
        private void fill() throws IOException {
            int unread = limit - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, unread);
            } else if (unread == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            pos = 0;
            limit = unread;
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    private static boolean blank(byte[] b, int start) {
        for (int i = start; i < b.length; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\f' && b[i] != 0x0B) {
                return false;
            }
        }
        return true;
    }

    private ExitCode batch(Engine engine, Optional<Engine> second) throws IOException {
        // One generator writes every result (no flush of the console per line; see answer for when it flushes).
        JsonGenerator out = EvalJson.MAPPER.getFactory().createGenerator(console().out())
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        out.setRootValueSeparator(null);
        EvalJson json = new EvalJson(256);
        boolean malformed = false;
        boolean denied = false;
        InputStream in;
        boolean interactive = "-".equals(batch);
        if (interactive) {
            in = new BufferedInputStream(System.in);
        } else {
            Path p = Path.of(batch);
            try {
                // Only a regular file (a named pipe or /dev/zero is refused, not waited on), read as a stream, line by
                // line as from stdin, so memory does not grow with the batch's length.
                in = new BufferedInputStream(InputFiles.openRegular(p), 1 << 16);
            } catch (NoSuchFileException e) {
                throw new UserException("cannot read batch file '" + batch + "': no such file");
            } catch (IOException e) {
                throw new UserException("cannot read batch file '" + batch + "': it " + e.getMessage());
            }
        }
        // With the AWS simulator, lines are answered in chunks so that lines with the same inputs share calls
        // (calls <= ceil(pairs / batch size) per distinct input set); the local engine answers each line at once,
        // so a pipe gets its answers as it writes.
        boolean remote = engine instanceof AwsSimulator || second.isPresent();
        int chunkSize = remote ? BATCH_CHUNK : 1;
        List<Line> chunk = new ArrayList<>();
        try (InputStream reader = in) {
            int number = 0;
            byte[] raw;
            LineReader lines = new LineReader(reader);
            while ((raw = lines.next()) != null) {
                number++;
                Line l = parse(raw, number, json);
                if (l == null) {
                    continue;
                }
                chunk.add(l);
                if (chunk.size() >= chunkSize) {
                    int[] flags = answer(chunk, engine, second, out, interactive);
                    malformed |= flags[0] != 0;
                    denied |= flags[1] != 0;
                    chunk.clear();
                }
            }
            int[] flags = answer(chunk, engine, second, out, interactive);
            malformed |= flags[0] != 0;
            denied |= flags[1] != 0;
        }
        out.flush();
        return malformed ? ExitCode.USAGE : denied ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** Lines of a batch answered together by the AWS simulator; bounds the memory a long batch holds. */
    static final int BATCH_CHUNK = 1000;

    /** One line of a batch: its result so far, and the request to evaluate unless the line is malformed. */
    private record Line(int number, ObjectNode result, PolicySet set, Request request) {
    }

    /**
     * The line parsed; null for a blank line or a policy set definition (which prints nothing). A malformed line
     * carries only its error.
     */
    private Line parse(byte[] raw, int number, EvalJson json) {
        ObjectNode result = EvalJson.MAPPER.createObjectNode();
        // Each line is checked on its own, so one bad byte costs one line, in a file as on stdin; a valid line is
        // parsed from its bytes, never copied into a String.
        int start = InputFiles.hasUtf8Bom(raw) ? 3 : 0;
        Optional<InputFiles.NotText> notText = InputFiles.firstMalformedUtf8(raw, start, "UTF-8");
        if (notText.isPresent()) {
            result.set("id", null);
            result.put("line", number);
            result.put("error", "line " + number + ": " + notText.get().getMessage().replace("at line 1, ", "at "));
            return new Line(number, result, null, null);
        }
        if (blank(raw, start)) {
            return null;
        }
        EvalJson.ReferenceLine quick = json.readReferenceLine(raw, start, raw.length - start);
        if (quick != null) {
            result.set("id", quick.id());
            return new Line(number, result, quick.set(), quick.request());
        }
        JsonNode node = null;
        try {
            node = EvalJson.MAPPER.readTree(raw, start, raw.length - start);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a line must be one JSON object");
            }
            // Policies are named by their place in the line, not by the line: the same policy on many lines is
            // parsed once, and its explanation (which names it) is right on every line.
            if (json.defineIfDefinition(node, batch)) {
                return null;
            }
            result.set("id", node.get("id"));
            PolicySet set = json.policiesOf(node, batch);
            return new Line(number, result, set, EvalJson.request(node));
        } catch (IOException | IllegalArgumentException e) {
            result.removeAll();
            result.set("id", node != null && node.isObject() ? node.get("id") : null);
            result.put("line", number);
            result.put("error", "line " + number + ": " + oneLine(e));
            return new Line(number, result, null, null);
        }
    }

    /** Evaluates and prints a chunk of lines in order; returns {malformed, denied} as 0/1. */
    private int[] answer(List<Line> lines, Engine engine, Optional<Engine> second, JsonGenerator out,
                         boolean interactive) throws IOException {
        List<PolicySet> sets = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        for (Line l : lines) {
            if (l.request() != null) {
                sets.add(l.set());
                requests.add(l.request());
            }
        }
        List<Decision> first;
        Optional<List<Decision>> other;
        try {
            first = evaluateEach(engine, sets, requests);
            other = second.map(e -> evaluateEach(e, sets, requests));
        } catch (IllegalArgumentException e) {
            if (lines.size() > 1) {
                // One request the engine rejects: answer line by line so that it costs only its own line.
                int[] flags = new int[2];
                for (Line l : lines) {
                    int[] f = answer(List.of(l), engine, second, out, interactive);
                    flags[0] |= f[0];
                    flags[1] |= f[1];
                }
                return flags;
            }
            Line l = lines.get(0);
            JsonNode id = l.result().get("id");
            l.result().removeAll();
            l.result().set("id", id);
            l.result().put("line", l.number());
            l.result().put("error", "line " + l.number() + ": " + oneLine(e));
            EvalJson.write(out, l.result());
            out.writeRaw(System.lineSeparator());
            out.flush();
            return new int[] {1, 0};
        }
        int[] flags = new int[2];
        int k = 0;
        for (Line l : lines) {
            ObjectNode result = l.result();
            if (l.request() == null) {
                flags[0] = 1;
            } else {
                Decision d = first.get(k);
                result.put("decision", d.kind().json());
                if (!noExplain) {
                    result.set("explanation", EvalJson.explanation(d, explain));
                }
                flags[1] |= d.kind() != DecisionKind.ALLOWED ? 1 : 0;
                if (other.isPresent()) {
                    Decision x = other.get().get(k);
                    result.set("simulator", simulatorJson(d, x));
                    flags[1] |= x.kind() != DecisionKind.ALLOWED ? 1 : 0;
                }
                k++;
            }
            EvalJson.write(out, result);
            out.writeRaw(System.lineSeparator());
        }
        if (interactive) {
            // A caller that writes a line and waits for its answer gets it at once; a file is written in blocks.
            out.flush();
        }
        return flags;
    }

    private static List<Decision> evaluateEach(Engine engine, List<PolicySet> sets, List<Request> requests) {
        if (engine instanceof AwsSimulator aws) {
            return aws.evaluateEach(sets, requests);
        }
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            out.add(engine.evaluate(sets.get(i), requests.get(i)));
        }
        return out;
    }
}
