package dev.iampreflight.iamdata.internal;

import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyParser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * policy, {@code name TAB arn TAB document}. Lines are only indexed, each document kept as bytes; a document is parsed
 * into a {@link PolicyDocument} when first asked for.
 */
public final class ManagedPolicies {

    /** {@code arn:<partition>:iam::aws:policy/<path/>Name}; the path (service-role/, job-function/) is optional. */
    private static final Pattern ARN = Pattern.compile("arn:[^:]+:iam::aws:policy/(?:.*/)?([^/]+)");

    /** {@code document}: the policy's JSON as UTF-8 bytes, decoded when the policy is first asked for. */
    private record Entry(String name, String arn, byte[] document) {
    }

    private static final String RESOURCE = Index.BASE + "managed-policies.tsv.gz";

    private final Map<String, Entry> byLowerName = new HashMap<>();
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();
    private final Set<String> names = new TreeSet<>();

    private ManagedPolicies() {
    }

    /**
     * Reads the file line by line as it is inflated. Kept as one String, the 3.2 MB of text cost a cold JVM about
     * 100 ms, mostly zeroing the fresh heap pages of the growing buffer and its copies; SAM reads this file for every
     * function (its implicit role's managed policy). docs/performance.md, "End to end: check from a cold JVM".
     */
    public static ManagedPolicies load() {
        ManagedPolicies m = new ManagedPolicies();
        MiniJson.readGzipResource(RESOURCE, in -> {
            byte[] buf = new byte[1 << 16];
            int len = 0;
            int n;
            while ((n = in.read(buf, len, buf.length - len)) >= 0) {
                len += n;
                int start = 0;
                for (int i = 0; i < len; i++) {
                    if (buf[i] == '\n') {
                        m.line(buf, start, i);
                        start = i + 1;
                    }
                }
                System.arraycopy(buf, start, buf, 0, len - start);
                len -= start;
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
            if (len > 0) {
                m.line(buf, 0, len);
            }
        });
        return m;
    }

    /** One line, {@code name TAB arn TAB document}; {@code #} starts a comment. */
    private void line(byte[] b, int from, int to) {
        if (from == to || b[from] == '#') {
            return;
        }
        int tab1 = indexOf(b, (byte) '\t', from, to);
        int tab2 = indexOf(b, (byte) '\t', tab1 + 1, to);
        String name = new String(b, from, tab1 - from, StandardCharsets.UTF_8);
        byLowerName.put(name.toLowerCase(Locale.ROOT), new Entry(name,
                new String(b, tab1 + 1, tab2 - tab1 - 1, StandardCharsets.UTF_8), Arrays.copyOfRange(b, tab2 + 1, to)));
        names.add(name);
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        throw new IllegalStateException("bundled resource " + RESOURCE + " has a line without two tabs");
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
            PolicyParser.Result r = PolicyParser.parseJson(new String(entry.document(), StandardCharsets.UTF_8),
                    entry.arn());
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
