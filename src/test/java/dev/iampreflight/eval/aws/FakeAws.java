package dev.iampreflight.eval.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.iampreflight.eval.Decision;
import dev.iampreflight.eval.DecisionKind;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.Request;
import dev.iampreflight.eval.local.LocalEngine;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local IAM and STS endpoint for tests, on 127.0.0.1: it speaks the AWS Query protocol (form-encoded POST, XML
 * answers in the services' namespaces, {@code ErrorResponse} errors) and answers {@code GetCallerIdentity},
 * {@code SimulateCustomPolicy} and {@code SimulatePrincipalPolicy} either from scripted (recorded) responses or by
 * evaluating the policies it is sent with our local engine. It records every request it receives, headers included,
 * so tests can assert what the SDK sent.
 */
public final class FakeAws implements AutoCloseable {

    static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** One received request: its form parameters and headers. */
    public record Received(String action, Map<String, String> params, Map<String, List<String>> headers, String body) {
        public List<String> list(String prefix) {
            List<String> out = new ArrayList<>();
            for (int i = 1; params.containsKey(prefix + ".member." + i); i++) {
                out.add(params.get(prefix + ".member." + i));
            }
            return out;
        }
    }

    /** A scripted answer: HTTP status and body. */
    public record Scripted(int status, String body) {
    }

    private final HttpServer server;
    private final LocalEngine engine = LocalEngine.withBundledKnowledge();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Scripted>> scripted = new ConcurrentHashMap<>();
    private final Map<String, List<PolicyDocument>> deployedRoles = new ConcurrentHashMap<>();
    private volatile String account = "111122223333";
    private volatile String callerArn = "arn:aws:iam::111122223333:user/ci";
    private volatile int pageSize = 1000;

    public FakeAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<Received> received(String action) {
        return received().stream().filter(r -> r.action().equals(action)).toList();
    }

    /** The next request for {@code action} gets this answer instead of a computed one. */
    public void script(String action, int status, String body) {
        scripted.computeIfAbsent(action, a -> new ArrayDeque<>()).add(new Scripted(status, body));
    }

    public void deployRole(String roleArn, String... policiesJson) {
        List<PolicyDocument> docs = new ArrayList<>();
        for (String p : policiesJson) {
            docs.add(parse(p, roleArn));
        }
        deployedRoles.put(roleArn, docs);
    }

    public void caller(String account, String arn) {
        this.account = account;
        this.callerArn = arn;
    }

    /** At most this many evaluation results per page (IsTruncated/Marker beyond). */
    public void pageSize(int n) {
        this.pageSize = n;
    }

    public static String error(String ns, String code, String message) {
        return "<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>req-1</RequestId></ErrorResponse>";
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : body.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        String action = params.getOrDefault("Action", "");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        Received r = new Received(action, params, headers, body);
        received.add(r);
        Deque<Scripted> queue = scripted.get(action);
        Scripted s = queue == null ? null : queue.poll();
        if (s == null) {
            s = answer(r);
        }
        byte[] bytes = s.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/xml");
        ex.getResponseHeaders().add("x-amzn-RequestId", "req-" + received.size());
        ex.sendResponseHeaders(s.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Scripted answer(Received r) {
        switch (r.action()) {
            case "GetCallerIdentity":
                return new Scripted(200, "<GetCallerIdentityResponse xmlns=\"" + STS_NS + "\"><GetCallerIdentityResult>"
                        + "<Arn>" + callerArn + "</Arn><UserId>AIDAEXAMPLE</UserId><Account>" + account
                        + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>req</RequestId>"
                        + "</ResponseMetadata></GetCallerIdentityResponse>");
            case "SimulateCustomPolicy":
            case "SimulatePrincipalPolicy":
                return simulate(r);
            default:
                return new Scripted(400, error(IAM_NS, "InvalidAction", "unknown action " + r.action()));
        }
    }

    private Scripted simulate(Received r) {
        List<PolicyDocument> identity = new ArrayList<>();
        // Without CallerArn the simulator evaluates identity policies for an unnamed IAM principal of the account.
        String principal = r.params().getOrDefault("CallerArn", "arn:aws:iam::" + account + ":user/simulated");
        if (r.action().equals("SimulatePrincipalPolicy")) {
            String role = r.params().get("PolicySourceArn");
            List<PolicyDocument> deployed = deployedRoles.get(role);
            if (deployed == null) {
                return new Scripted(404, error(IAM_NS, "NoSuchEntity", "The role " + role + " cannot be found."));
            }
            identity.addAll(deployed);
            principal = role;
        }
        for (String p : r.list("PolicyInputList")) {
            identity.add(parse(p, "PolicyInputList"));
        }
        List<PolicyDocument> boundaries = new ArrayList<>();
        for (String p : r.list("PermissionsBoundaryPolicyInputList")) {
            boundaries.add(parse(p, "boundary"));
        }
        PolicySet set = PolicySet.identity(identity).withPermissionBoundaries(boundaries);
        if (r.params().containsKey("ResourcePolicy")) {
            set = set.withResourcePolicy(parse(r.params().get("ResourcePolicy"), "ResourcePolicy"), null);
        }
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (int i = 1; r.params().containsKey("ContextEntries.member." + i + ".ContextKeyName"); i++) {
            String p = "ContextEntries.member." + i;
            List<String> values = new ArrayList<>();
            for (int j = 1; r.params().containsKey(p + ".ContextKeyValues.member." + j); j++) {
                values.add(r.params().get(p + ".ContextKeyValues.member." + j));
            }
            context.put(r.params().get(p + ".ContextKeyName"), values);
        }
        List<String> actions = r.list("ActionNames");
        List<String> resources = r.list("ResourceArns");
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        List<String> results = new ArrayList<>();
        for (String action : actions) {
            StringBuilder perResource = new StringBuilder();
            String worst = "allowed";
            for (String resource : resources) {
                Decision d = engine.evaluate(set, new Request(action, resource, Optional.ofNullable(principal),
                        Optional.empty(), context));
                String decision = d.kind() == DecisionKind.ALLOWED ? "allowed"
                        : d.kind() == DecisionKind.EXPLICIT_DENY ? "explicitDeny" : "implicitDeny";
                worst = rank(decision) > rank(worst) ? decision : worst;
                perResource.append("<member><EvalResourceName>").append(xml(resource))
                        .append("</EvalResourceName><EvalResourceDecision>").append(decision)
                        .append("</EvalResourceDecision><MatchedStatements/><MissingContextValues/></member>");
            }
            results.add("<member><EvalActionName>" + xml(action) + "</EvalActionName><EvalResourceName>"
                    + (resources.size() == 1 ? xml(resources.get(0)) : "*") + "</EvalResourceName><EvalDecision>"
                    + worst + "</EvalDecision><MatchedStatements/><MissingContextValues/>"
                    + (resources.size() > 1 ? "<ResourceSpecificResults>" + perResource + "</ResourceSpecificResults>"
                    : "") + "</member>");
        }
        int from = r.params().containsKey("Marker") ? Integer.parseInt(r.params().get("Marker")) : 0;
        int max = Math.min(pageSize, Integer.parseInt(r.params().getOrDefault("MaxItems", "100")));
        int to = Math.min(results.size(), from + max);
        boolean truncated = to < results.size();
        return new Scripted(200, response(r.action(), String.join("", results.subList(from, to)), truncated,
                truncated ? String.valueOf(to) : null));
    }

    public static String response(String action, String members, boolean truncated, String marker) {
        return "<" + action + "Response xmlns=\"" + IAM_NS + "\"><" + action + "Result><IsTruncated>" + truncated
                + "</IsTruncated>" + (marker == null ? "" : "<Marker>" + marker + "</Marker>")
                + "<EvaluationResults>" + members + "</EvaluationResults></" + action + "Result>"
                + "<ResponseMetadata><RequestId>req</RequestId></ResponseMetadata></" + action + "Response>";
    }

    private static int rank(String decision) {
        return switch (decision) {
            case "explicitDeny" -> 2;
            case "implicitDeny" -> 1;
            default -> 0;
        };
    }

    private static PolicyDocument parse(String json, String name) {
        return PolicyParser.parseJson(json, name).document()
                .orElseThrow(() -> new IllegalArgumentException("not a policy: " + json));
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
