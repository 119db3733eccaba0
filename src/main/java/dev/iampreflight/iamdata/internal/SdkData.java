package dev.iampreflight.iamdata.internal;

import dev.iampreflight.iamdata.SdkOperation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One SDK service's operations, read from {@code sdk/<id>.json.gz} (the aws-sdk v2 id, or the boto3 name of a service v2 lacks). */
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
                    MiniJson.strings(row.get(2)), strings(row, 3), strings(row, 4), strings(row, 5), noIam(row)));
        }
        return new SdkData(ops);
    }

    private static Optional<SdkOperation.NoIam> noIam(List<Object> row) {
        if (row.size() <= 6) {
            return Optional.empty();
        }
        List<String> v = MiniJson.strings(row.get(6));
        return Optional.of(new SdkOperation.NoIam(v.get(0), v.get(1), v.get(2)));
    }

    private static List<String> strings(List<Object> row, int i) {
        return row.size() > i ? MiniJson.strings(row.get(i)) : List.of();
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
