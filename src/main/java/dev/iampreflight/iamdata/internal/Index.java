package dev.iampreflight.iamdata.internal;

import dev.iampreflight.iamdata.ConditionKeyInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small index read on first use of the knowledge base: the service list, SDK name mappings, the global condition
 * keys and which services describe ARNs of another service. Everything per service is loaded later, on demand.
 */
public final class Index {

    public static final String BASE = "/dev/iampreflight/iamdata/";

    private final Map<String, String> serviceNames;
    private final List<ConditionKeyInfo> globalKeys;
    private final Map<String, List<String>> arnServices;
    private final Map<String, String> sources;
    private final Map<String, List<String>> conditionKeyServices;
    private volatile SdkNames sdkNames;

    /** SDK name mappings, from {@code sdk/index.json.gz}: read on the first SDK-name lookup only. */
    private record SdkNames(Map<String, String> nameToId, Map<String, String> idToIam,
                            Map<String, List<String>> iamToNames) {
    }

    private Index(Map<String, String> serviceNames, List<ConditionKeyInfo> globalKeys,
                  Map<String, List<String>> arnServices, Map<String, String> sources,
                  Map<String, List<String>> conditionKeyServices) {
        this.serviceNames = serviceNames;
        this.globalKeys = globalKeys;
        this.arnServices = arnServices;
        this.sources = sources;
        this.conditionKeyServices = conditionKeyServices;
    }

    public static Index load() {
        Map<String, Object> root = MiniJson.object(MiniJson.parse(MiniJson.gzipResource(BASE + "index.json.gz")));
        Map<String, String> names = new TreeMap<>();
        for (Object o : MiniJson.array(root.get("services"))) {
            List<Object> row = MiniJson.array(o);
            names.put((String) row.get(0), (String) row.get(1));
        }
        List<ConditionKeyInfo> global = new ArrayList<>();
        for (Object o : MiniJson.array(root.get("globalConditionKeys"))) {
            List<Object> row = MiniJson.array(o);
            global.add(new ConditionKeyInfo((String) row.get(0), (String) row.get(1)));
        }
        Map<String, List<String>> arnServices = new HashMap<>();
        for (Map.Entry<String, Object> e : MiniJson.object(root.get("arnServices")).entrySet()) {
            arnServices.put(e.getKey(), MiniJson.strings(e.getValue()));
        }
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : MiniJson.object(root.get("sources")).entrySet()) {
            sources.put(e.getKey(), (String) e.getValue());
        }
        Map<String, List<String>> keyServices = new HashMap<>();
        for (Map.Entry<String, Object> e : MiniJson.object(root.get("conditionKeyServices")).entrySet()) {
            keyServices.put(e.getKey().toLowerCase(Locale.ROOT), MiniJson.strings(e.getValue()));
        }
        return new Index(Collections.unmodifiableMap(names), List.copyOf(global), arnServices,
                Collections.unmodifiableMap(sources), keyServices);
    }

    private SdkNames sdk() {
        SdkNames s = sdkNames;
        if (s == null) {
            synchronized (this) {
                s = sdkNames;
                if (s == null) {
                    s = loadSdkNames();
                    sdkNames = s;
                }
            }
        }
        return s;
    }

    private static SdkNames loadSdkNames() {
        Map<String, Object> root = MiniJson.object(MiniJson.parse(MiniJson.gzipResource(BASE + "sdk/index.json.gz")));
        Map<String, String> nameToId = new HashMap<>();
        Map<String, String> idToIam = new HashMap<>();
        Map<String, List<String>> iamToNames = new HashMap<>();
        for (Map.Entry<String, Object> e : MiniJson.object(root.get("sdk")).entrySet()) {
            List<Object> row = MiniJson.array(e.getValue());
            String id = e.getKey();
            String iam = (String) row.get(1);
            idToIam.put(id, iam);
            for (String n : MiniJson.strings(row.get(0))) {
                // The aws-sdk v2 identifier wins over another service's alias of the same spelling.
                String key = n.toLowerCase(Locale.ROOT);
                if (!nameToId.containsKey(key) || n.equals(id)) {
                    nameToId.put(key, id);
                }
                if (iam != null) {
                    iamToNames.computeIfAbsent(iam, k -> new ArrayList<>()).add(n);
                }
            }
        }
        for (Map.Entry<String, List<String>> e : iamToNames.entrySet()) {
            e.setValue(List.copyOf(new java.util.TreeSet<>(e.getValue())));
        }
        return new SdkNames(nameToId, idToIam, iamToNames);
    }

    /** IAM prefix -> service name, sorted by prefix. */
    public Map<String, String> serviceNames() {
        return serviceNames;
    }

    /** The aws-sdk v2 identifier of an SDK service named any way we know (case-insensitive), or null. */
    public String sdkId(String name) {
        return sdk().nameToId().get(name.toLowerCase(Locale.ROOT));
    }

    /** The IAM prefix of an SDK service identifier, or null. */
    public String iamPrefixOfSdkId(String id) {
        return sdk().idToIam().get(id);
    }

    /** Every SDK service identifier, sorted. */
    public List<String> sdkIds() {
        return sdk().idToIam().keySet().stream().sorted().toList();
    }

    public List<String> sdkNamesOf(String iamPrefix) {
        return sdk().iamToNames().getOrDefault(iamPrefix, List.of());
    }

    public List<ConditionKeyInfo> globalKeys() {
        return globalKeys;
    }

    /** IAM services other than the one named by the ARN's service segment that describe ARNs with that segment. */
    public List<String> foreignArnServices(String arnService) {
        return arnServices.getOrDefault(arnService, List.of());
    }

    /** Services that declare condition keys with this prefix although it is not their own ({@code saml} -> sts). */
    public List<String> foreignConditionKeyServices(String keyPrefix) {
        return conditionKeyServices.getOrDefault(keyPrefix.toLowerCase(Locale.ROOT), List.of());
    }

    /** npm package -> version the resources were generated from. */
    public Map<String, String> sources() {
        return sources;
    }
}
