package dev.iampreflight.require;

import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.SignedRequest;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.require.RequirementMapper.Need;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The permission of a signed HTTP request ({@link SignedRequest}): its action, on the resource its URL names. Parts
 * of the URL that are not known, or that the URL does not decide (a custom domain name), are {@code {?}}: the action
 * is still required, on every resource that may be meant.
 */
final class SignedRequests {

    private static final String U = SymbolicValue.UNKNOWN;

    /**
     * An OpenSearch Service domain endpoint: search-NAME-ID.REGION.es.amazonaws.com, or vpc-NAME-ID... for a VPC
     * domain. A domain name is lower-case letters, digits and hyphens, starting with a letter; the generated ID has no
     * hyphen, so the name is what lies between the prefix and the last hyphen (OpenSearch Service developer guide,
     * "Creating and managing domains": naming rules and the Domain endpoint).
     */
    private static final Pattern ES_HOST = Pattern.compile(
            "(?:search|vpc)-([a-z][a-z0-9-]*)-([a-z0-9]+)\\.([a-z0-9-]+|\\{\\?})\\.es\\.amazonaws\\.com(?:\\.cn)?");

    private SignedRequests() {
    }

    static List<Need> needs(SdkCall call, RequirementMapper m) {
        String action = call.service() + ":" + call.operation();
        String url = call.arguments().getOrDefault(SignedRequest.URL, SymbolicValue.unknown("url")).render();
        // A URL whose start is not known ({?}/items) tells neither its host nor where its path begins.
        boolean known = url.matches("(?i)^https?://.*");
        String host = known ? SignedRequest.host(url) : U;
        String path = known ? SignedRequest.path(url) : U;
        Map<String, SymbolicValue> v = new LinkedHashMap<>();
        Map<String, String> context = new LinkedHashMap<>();
        String region = null;
        String why;
        switch (call.service()) {
            case "execute-api" -> {
                Matcher h = SignedRequest.API_GATEWAY_HOST.matcher(host);
                String api = U;
                String stage = U;
                String rest = U;
                if (h.matches()) {
                    api = h.group(1);
                    region = h.group(2);
                    // The first path segment is the stage; the rest is the resource path ("/" is the root).
                    String p = path.startsWith("/") ? path.substring(1) : path;
                    int slash = p.indexOf('/');
                    stage = slash < 0 ? (p.isEmpty() ? U : p) : p.substring(0, slash);
                    rest = slash < 0 ? "" : p.substring(slash + 1);
                }
                String method = call.arguments().getOrDefault(SignedRequest.METHOD, SymbolicValue.unknown("m"))
                        .render().toUpperCase(Locale.ROOT);
                v.put("ApiId", SymbolicValue.literal(api));
                v.put("Stage", SymbolicValue.literal(stage));
                v.put("Method", SymbolicValue.literal(method.equals("{?}") ? U : method));
                v.put("ApiSpecificResourcePath", SymbolicValue.literal(rest));
                why = h.matches() ? "a signed " + method + " request to the API " + api
                        : "a signed request to an API whose id the URL does not give (a custom domain or an unknown URL)";
            }
            case "es" -> {
                Matcher h = ES_HOST.matcher(host);
                String domain = U;
                if (h.matches() && !host.contains(U)) {
                    domain = h.group(1);
                    region = h.group(3);
                } else {
                    Matcher any = SignedRequest.OPENSEARCH_HOST.matcher(host);
                    region = any.matches() ? any.group(1) : null;
                }
                // IAM authorizes a request to a domain on its subresource: the domain ARN followed by the path
                // (OpenSearch Service developer guide, "Identity and Access Management", resource-based policies).
                v.put("DomainName", SymbolicValue.literal(domain + (path.startsWith("/") || path.equals(U) ? "" : "/")
                        + (path.equals(U) ? "/" + U : path)));
                why = "a signed request to the OpenSearch domain " + domain;
            }
            case "aoss" -> {
                Matcher h = SignedRequest.OPENSEARCH_SERVERLESS_HOST.matcher(host);
                v.put("CollectionId", SymbolicValue.literal(h.matches() ? h.group(1) : U));
                region = h.matches() ? h.group(2) : null;
                why = "a signed request to the OpenSearch Serverless collection " + (h.matches() ? h.group(1) : U);
            }
            case "lambda" -> {
                Matcher h = SignedRequest.LAMBDA_URL_HOST.matcher(host);
                region = h.matches() ? h.group(2) : null;
                // The URL's id is not the function's name: which function it invokes is not in the code.
                v.put("FunctionName", SymbolicValue.literal(U));
                context.put("lambda:FunctionUrlAuthType", "AWS_IAM");
                why = "a signed request to a Lambda function URL (the function it belongs to is not known)";
            }
            default -> {
                return List.of();
            }
        }
        SymbolicValue signing = call.arguments().get(SignedRequest.SIGNING_REGION);
        if ((region == null || region.equals(U)) && signing instanceof SymbolicValue.Literal l) {
            region = l.value();
        }
        if (region != null && !region.equals(U)) {
            v.put("Region", SymbolicValue.literal(region));
        }
        return List.of(m.need(action, v, context, why));
    }
}
