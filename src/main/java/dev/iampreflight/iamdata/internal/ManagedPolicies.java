package dev.iampreflight.iamdata.internal;

import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS managed policies (latest version of each), read from {@code managed-policies.json.gz} on first use; each
 * document is parsed into a {@link PolicyDocument} when first asked for.
 */
public final class ManagedPolicies {

    /** {@code arn:<partition>:iam::aws:policy/<path/>Name}; the path (service-role/, job-function/) is optional. */
    private static final Pattern ARN = Pattern.compile("arn:[^:]+:iam::aws:policy/(?:.*/)?([^/]+)");

    private record Entry(String name, String arn, Object document) {
    }

    private final Map<String, Entry> byLowerName = new HashMap<>();
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();
    private final Set<String> names = new TreeSet<>();

    private ManagedPolicies() {
    }

    public static ManagedPolicies load() {
        ManagedPolicies m = new ManagedPolicies();
        Map<String, Object> root = MiniJson.object(MiniJson.parse(
                MiniJson.gzipResource(Index.BASE + "managed-policies.json.gz")));
        for (Object o : MiniJson.array(root.get("policies"))) {
            List<Object> row = MiniJson.array(o);
            String name = (String) row.get(0);
            m.byLowerName.put(name.toLowerCase(Locale.ROOT), new Entry(name, (String) row.get(1), row.get(2)));
            m.names.add(name);
        }
        return m;
    }

    public Set<String> names() {
        return names;
    }

    /** The policy's ARN in the {@code aws} partition. */
    public Optional<String> arnOf(String arnOrName) {
        return entry(arnOrName).map(Entry::arn);
    }

    public Optional<PolicyDocument> get(String arnOrName) {
        Optional<Entry> e = entry(arnOrName);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = e.get();
        PolicyDocument doc = parsed.computeIfAbsent(entry.name(), n -> {
            PolicyParser.Result r = PolicyParser.parseJson(MiniJson.write(entry.document()), entry.arn());
            return r.document().orElseThrow(() -> new IllegalStateException(
                    "bundled managed policy " + entry.name() + " does not parse: " + r.findings()));
        });
        return Optional.of(doc);
    }

    private Optional<Entry> entry(String arnOrName) {
        String name = arnOrName.trim();
        Matcher m = ARN.matcher(name);
        if (m.matches()) {
            Entry e = byLowerName.get(m.group(1).toLowerCase(Locale.ROOT));
            // The path is part of the ARN: service-role/AWSLambdaBasicExecutionRole is not AWSLambdaBasicExecutionRole.
            if (e != null && !e.arn().substring(e.arn().indexOf(':', 4)).equals(name.substring(name.indexOf(':', 4)))) {
                return Optional.empty();
            }
            return Optional.ofNullable(e);
        }
        if (name.startsWith("arn:")) {
            return Optional.empty();
        }
        // AWS managed policy names are unique and case-insensitive (IAM quotas: names are not case-sensitive).
        return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }
}
