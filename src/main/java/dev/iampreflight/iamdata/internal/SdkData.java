package dev.iampreflight.iamdata.internal;

import dev.iampreflight.iamdata.SdkOperation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One SDK service's operations, read from {@code sdk/<aws-sdk v2 id>.json.gz}. */
public final class SdkData {

    private final List<SdkOperation> operations;
    private final Map<String, SdkOperation> byName;

    private SdkData(List<SdkOperation> operations) {
        this.operations = List.copyOf(operations);
        this.byName = new HashMap<>();
        for (SdkOperation op : operations) {
            byName.put(op.name(), op);
            byName.putIfAbsent(op.pythonName(), op);
        }
        for (SdkOperation op : operations) {
            byName.putIfAbsent(op.name().toLowerCase(Locale.ROOT), op);
        }
    }

    public static SdkData load(String id) {
        Map<String, Object> root = MiniJson.object(MiniJson.parse(
                MiniJson.gzipResource(Index.BASE + "sdk/" + id + ".json.gz")));
        List<SdkOperation> ops = new ArrayList<>();
        for (Object o : MiniJson.array(root.get("operations"))) {
            List<Object> row = MiniJson.array(o);
            String name = (String) row.get(0);
            ops.add(new SdkOperation(id, name, PythonNames.xformName(name), MiniJson.strings(row.get(1)),
                    MiniJson.strings(row.get(2))));
        }
        return new SdkData(ops);
    }

    public List<SdkOperation> operations() {
        return operations;
    }

    /** By CamelCase name, boto3 name, or CamelCase name in any case. */
    public Optional<SdkOperation> operation(String name) {
        SdkOperation op = byName.get(name);
        if (op == null) {
            op = byName.get(name.toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(op);
    }
}
