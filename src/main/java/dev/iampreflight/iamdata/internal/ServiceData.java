package dev.iampreflight.iamdata.internal;

import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.iamdata.ActionResourceType;
import dev.iampreflight.iamdata.ConditionKeyInfo;
import dev.iampreflight.iamdata.ResourceTypeInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One IAM service's actions, resource types and condition keys, read from {@code services/<prefix>.json.gz}. */
public final class ServiceData {

    /** A resource type's ARN format, compiled. */
    public record CompiledFormat(ResourceTypeInfo type, ArnFormat format) {
    }

    private final String prefix;
    private final String name;
    private final List<ActionInfo> actions;
    private final Map<String, ActionInfo> actionsByLowerName;
    private final Map<String, ResourceTypeInfo> resourceTypes;
    private final List<ConditionKeyInfo> conditionKeys;
    private volatile List<CompiledFormat> compiled;

    private ServiceData(String prefix, String name, List<ActionInfo> actions, Map<String, ResourceTypeInfo> types,
                        List<ConditionKeyInfo> keys) {
        this.prefix = prefix;
        this.name = name;
        this.actions = List.copyOf(actions);
        this.actionsByLowerName = new HashMap<>();
        for (ActionInfo a : actions) {
            actionsByLowerName.put(a.name().toLowerCase(Locale.ROOT), a);
        }
        this.resourceTypes = types;
        this.conditionKeys = List.copyOf(keys);
    }

    public static String resourceName(String prefix) {
        return Index.BASE + "services/" + prefix + ".json.gz";
    }

    public static ServiceData load(String prefix) {
        Map<String, Object> root = MiniJson.object(MiniJson.parse(MiniJson.gzipResource(resourceName(prefix))));
        Map<String, ResourceTypeInfo> types = new LinkedHashMap<>();
        for (Object o : MiniJson.array(root.get("resourceTypes"))) {
            List<Object> row = MiniJson.array(o);
            String rt = (String) row.get(0);
            types.put(rt, new ResourceTypeInfo(prefix, rt, MiniJson.strings(row.get(1)), MiniJson.strings(row.get(2))));
        }
        List<ConditionKeyInfo> keys = new ArrayList<>();
        for (Object o : MiniJson.array(root.get("conditionKeys"))) {
            List<Object> row = MiniJson.array(o);
            keys.add(new ConditionKeyInfo((String) row.get(0), (String) row.get(1)));
        }
        List<ActionInfo> actions = new ArrayList<>();
        for (Object o : MiniJson.array(root.get("actions"))) {
            List<Object> row = MiniJson.array(o);
            List<ActionResourceType> rts = new ArrayList<>();
            for (Object r : MiniJson.array(row.get(2))) {
                List<Object> rr = MiniJson.array(r);
                String rtName = (String) rr.get(0);
                ResourceTypeInfo info = types.get(rtName);
                rts.add(new ActionResourceType(rtName, ((Long) rr.get(1)) != 0,
                        info == null ? List.of() : info.arnFormats()));
            }
            actions.add(new ActionInfo(prefix, (String) row.get(0), (String) row.get(1), rts,
                    MiniJson.strings(row.get(3)), MiniJson.strings(row.get(4))));
        }
        return new ServiceData(prefix, (String) root.get("name"), actions, types, keys);
    }

    public String prefix() {
        return prefix;
    }

    public String name() {
        return name;
    }

    /** Sorted by name (the generator sorts them). */
    public List<ActionInfo> actions() {
        return actions;
    }

    public Optional<ActionInfo> action(String actionName) {
        return Optional.ofNullable(actionsByLowerName.get(actionName.toLowerCase(Locale.ROOT)));
    }

    public Optional<ResourceTypeInfo> resourceType(String typeName) {
        ResourceTypeInfo exact = resourceTypes.get(typeName);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (ResourceTypeInfo t : resourceTypes.values()) {
            if (t.name().equalsIgnoreCase(typeName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public List<ConditionKeyInfo> conditionKeys() {
        return conditionKeys;
    }

    public List<CompiledFormat> compiledFormats() {
        List<CompiledFormat> c = compiled;
        if (c == null) {
            List<CompiledFormat> list = new ArrayList<>();
            for (ResourceTypeInfo t : resourceTypes.values()) {
                for (String f : t.arnFormats()) {
                    list.add(new CompiledFormat(t, new ArnFormat(f)));
                }
            }
            c = List.copyOf(list);
            compiled = c;
        }
        return c;
    }
}
