package dev.iampreflight.code;

import dev.iampreflight.core.SymbolicValue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A SigV4-signed HTTP request a library sends for the code (docs/libraries.md, "Signed HTTP requests"). Such a call is
 * an {@link SdkCall} whose {@code service} is the IAM service prefix and whose {@code operation} is the IAM action's
 * name, in CamelCase ({@code es}, {@code ESHttpGet}): IAM authorizes the request itself, not an SDK operation. Its
 * arguments are the request's {@link #URL}, {@link #METHOD} and the signer's {@link #SIGNING_REGION}; the resource is
 * read from the URL once the deploy target's environment is known ({@code require.SignedRequests}).
 *
 * <p>The services whose HTTP endpoints IAM authorizes by request (Service Authorization Reference): API Gateway
 * ({@code execute-api:Invoke}, any method), OpenSearch Service domains ({@code es:ESHttpGet}, {@code ESHttpPost}, ...
 * by HTTP method), OpenSearch Serverless ({@code aoss:APIAccessAll}) and Lambda function URLs
 * ({@code lambda:InvokeFunctionUrl}). A request signed for any other service is not modelled.
 */
public final class SignedRequest {

    public static final String URL = "Url";
    public static final String METHOD = "HttpMethod";
    public static final String SIGNING_REGION = "SigningRegion";

    /** The signing names of the services above, as signers are given them. */
    private static final Map<String, String> ACTIONS = Map.of("execute-api", "execute-api:Invoke",
            "aoss", "aoss:APIAccessAll", "lambda", "lambda:InvokeFunctionUrl");

    /**
     * https://API_ID.execute-api.REGION.amazonaws.com/STAGE/PATH (API Gateway developer guide, "Invoking a REST API"):
     * group 1 the API id, group 2 the region. The one pattern for an API's default endpoint, used by signed requests
     * and by the API Gateway Management API's endpoint URL.
     */
    public static final Pattern API_GATEWAY_HOST =
            Pattern.compile("([^./]+)\\.execute-api\\.([^./]+)\\.amazonaws\\.com(?:\\.cn)?");
    /** Any OpenSearch Service domain endpoint, ....REGION.es.amazonaws.com: group 1 the region. */
    public static final Pattern OPENSEARCH_HOST =
            Pattern.compile("[^/]*\\.([a-z0-9-]+)\\.es\\.amazonaws\\.com(?:\\.cn)?");
    /**
     * A collection endpoint, COLLECTION_ID.REGION.aoss.amazonaws.com (OpenSearch Serverless developer guide): group 1
     * the collection id, group 2 the region.
     */
    public static final Pattern OPENSEARCH_SERVERLESS_HOST =
            Pattern.compile("([^./]+)\\.([^./]+)\\.aoss\\.amazonaws\\.com(?:\\.cn)?");
    /** A function URL, URL_ID.lambda-url.REGION.on.aws (Lambda developer guide, "Lambda function URLs"). */
    public static final Pattern LAMBDA_URL_HOST = Pattern.compile("([^./]+)\\.lambda-url\\.([^./]+)\\.on\\.aws");

    /** Hosts that name their service: API Gateway, OpenSearch domains, OpenSearch Serverless, function URLs. */
    private static final List<Map.Entry<Pattern, String>> HOSTS = List.of(
            Map.entry(API_GATEWAY_HOST, "execute-api"),
            Map.entry(OPENSEARCH_HOST, "es"),
            Map.entry(OPENSEARCH_SERVERLESS_HOST, "aoss"),
            Map.entry(LAMBDA_URL_HOST, "lambda"));

    private static final List<String> ES_METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH");

    private SignedRequest() {
    }

    /** Whether a call is a signed request (its operation names one of the actions above, with the request's URL). */
    public static boolean is(SdkCall call) {
        return names(call.service(), call.operation()) && call.arguments().containsKey(URL);
    }

    /** Whether {@code service.operation} is one of the actions a signed request is authorized by. */
    public static boolean names(String service, String operation) {
        String action = service + ":" + operation;
        return ACTIONS.containsValue(action)
                || service.equals("es") && ES_METHODS.stream().anyMatch(m -> action.equals(esAction(m)));
    }

    /**
     * The service a request is signed for: the signer's when it is written as a constant, else the one the URL's
     * host names; empty when neither tells, or for a service not modelled.
     */
    public static Optional<String> service(SymbolicValue signerService, SymbolicValue url) {
        if (signerService instanceof SymbolicValue.Literal l) {
            String s = l.value().toLowerCase(Locale.ROOT);
            return ACTIONS.containsKey(s) || s.equals("es") ? Optional.of(s) : Optional.empty();
        }
        String host = host(url == null ? "" : url.render());
        for (Map.Entry<Pattern, String> h : HOSTS) {
            if (h.getKey().matcher(host).matches()) {
                return Optional.of(h.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The IAM action of a request to {@code service} with {@code method}: OpenSearch names one action per HTTP method
     * ("es:ESHttpGet", ..., Service Authorization Reference, Amazon OpenSearch Service); a method that is not known
     * leaves an OpenSearch request's action unknown, so it is not reported.
     */
    public static Optional<String> action(String service, SymbolicValue method) {
        if (!service.equals("es")) {
            return Optional.ofNullable(ACTIONS.get(service));
        }
        if (method instanceof SymbolicValue.Literal l && ES_METHODS.contains(l.value().toUpperCase(Locale.ROOT))) {
            return Optional.of(esAction(l.value().toUpperCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    /** OpenSearch's action for an HTTP method given in capitals: GET gives es:ESHttpGet. */
    private static String esAction(String method) {
        return "es:ESHttp" + method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * The URL of a request to {@code host} (a host name, {@code host:port}, a URL, an opensearch-py host dict
     * {@code {'host': h, 'port': 443}}, or a list of those: the first) at {@code path}.
     */
    public static SymbolicValue url(SymbolicValue host, SymbolicValue path) {
        SymbolicValue h = host;
        if (h instanceof SymbolicValue.ListValue l) {
            h = l.items().isEmpty() ? null : l.items().get(0);
        }
        if (h instanceof SymbolicValue.MapValue m) {
            h = m.entries().get("host");
        }
        if (h == null || h instanceof SymbolicValue.ListValue || h instanceof SymbolicValue.MapValue) {
            h = SymbolicValue.unknown("the host");
        }
        String text = h.render();
        boolean scheme = text.startsWith("http://") || text.startsWith("https://");
        SymbolicValue base = scheme ? h : SymbolicValue.concat(List.of(SymbolicValue.literal("https://"), h));
        return SymbolicValue.concat(List.of(base, path));
    }

    /** The host of a URL as rendered ({@code {?}} where unknown), without scheme, port, path or query. */
    public static String host(String url) {
        // An unknown part {?} holds a '?' that is no query.
        String u = url.replace(SymbolicValue.UNKNOWN, "\0").replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int end = u.length();
        for (char c : new char[]{'/', '?', '#'}) {
            int i = u.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String host = u.substring(0, end);
        int colon = host.lastIndexOf(':');
        host = colon > 0 && host.substring(colon + 1).matches("[0-9]+|\0") ? host.substring(0, colon) : host;
        return host.replace("\0", SymbolicValue.UNKNOWN);
    }

    /** The path of a URL as rendered, without its query or fragment: "/" when it has none. */
    public static String path(String url) {
        String u = url.replace(SymbolicValue.UNKNOWN, "\0").replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = u.indexOf('/');
        String p = slash < 0 ? "/" : u.substring(slash);
        int q = p.length();
        for (char c : new char[]{'?', '#'}) {
            int i = p.indexOf(c);
            if (i >= 0 && i < q) {
                q = i;
            }
        }
        return p.substring(0, q).replace("\0", SymbolicValue.UNKNOWN);
    }
}
