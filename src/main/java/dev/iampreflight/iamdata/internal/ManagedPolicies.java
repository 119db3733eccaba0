package dev.iampreflight.iamdata.internal;

import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS managed policies (latest version of each), read from {@code managed-policies.tsv.gz} on first use: one line per
 * policy, {@code name TAB arn TAB document}. Lines are only indexed; a document is parsed into a {@link PolicyDocument}
 * when first asked for.
 */
public final class ManagedPolicies {

    /** {@code arn:<partition>:iam::aws:policy/<path/>Name}; the path (service-role/, job-function/) is optional. */
    private static final Pattern ARN = Pattern.compile("arn:[^:]+:iam::aws:policy/(?:.*/)?([^/]+)");

    private record Entry(String name, String arn, int start, int end) {
    }

    private final String text;
    private final Map<String, Entry> byLowerName = new HashMap<>();
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();
    private final Set<String> names = new TreeSet<>();

    private ManagedPolicies(String text) {
        this.text = text;
    }

    public static ManagedPolicies load() {
        ManagedPolicies m = new ManagedPolicies(MiniJson.gzipResource(Index.BASE + "managed-policies.tsv.gz"));
        String t = m.text;
        int pos = 0;
        while (pos < t.length()) {
            int eol = t.indexOf('\n', pos);
            if (eol < 0) {
                eol = t.length();
            }
            if (t.charAt(pos) != '#') {
                int tab1 = t.indexOf('\t', pos);
                int tab2 = t.indexOf('\t', tab1 + 1);
                String name = t.substring(pos, tab1);
                m.byLowerName.put(name.toLowerCase(Locale.ROOT), new Entry(name, t.substring(tab1 + 1, tab2),
                        tab2 + 1, eol));
                m.names.add(name);
            }
            pos = eol + 1;
        }
        return m;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(names);
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
            PolicyParser.Result r = PolicyParser.parseJson(text.substring(entry.start(), entry.end()), entry.arn());
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
            // The path is part of the ARN: .../policy/AWSLambdaBasicExecutionRole names no policy, because that one
            // lives at .../policy/service-role/AWSLambdaBasicExecutionRole.
            if (e != null && !afterPartition(e.arn()).equals(afterPartition(name))) {
                return Optional.empty();
            }
            return Optional.ofNullable(e);
        }
        if (name.startsWith("arn:")) {
            return Optional.empty();
        }
        // AWS managed policy names are unique; look them up ignoring case as IAM does for policy names.
        return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    private static String afterPartition(String arn) {
        return arn.substring(arn.indexOf(':', 4));
    }
}
