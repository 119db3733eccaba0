package dev.iampreflight.eval.aws.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the simulator calls for the (action, resource) pairs of one input set. One call evaluates every action it
 * names on every resource it names, so a call is a rectangle of actions x resources: the plan first groups resources
 * that need exactly the same actions (no wasted evaluation), then packs groups into calls while the rectangle stays
 * within {@link #MAX_ITEMS} evaluations (one page of results). Any {@link #BATCH_SIZE} pairs fit one call
 * (31 x 31 = 961 <= 1,000), so when packing does worse than consecutive chunks of that size, chunks are used: the
 * number of calls never exceeds ceil(pairs / BATCH_SIZE).
 */
public final class Batches {

    /** Results per page we ask for: MaxItems' upper bound in the API reference (1 to 1,000). */
    public static final int MAX_ITEMS = 1000;
    /** Pairs that always fit one call. */
    public static final int BATCH_SIZE = 31;

    /** One (action, resource) pair. */
    public record Pair(String action, String resource) {
    }

    /** One call: the actions and resources it names, and the wanted pairs among their product. */
    public record Call(List<String> actions, List<String> resources, List<Pair> pairs) {
        public Call {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
            pairs = List.copyOf(pairs);
        }
    }

    private Batches() {
    }

    public static List<Call> plan(List<Pair> wanted) {
        Set<Pair> distinct = new LinkedHashSet<>(wanted);
        if (distinct.isEmpty()) {
            return List.of();
        }
        Map<String, TreeSet<String>> actionsByResource = new LinkedHashMap<>();
        for (Pair p : distinct) {
            actionsByResource.computeIfAbsent(p.resource(), r -> new TreeSet<>()).add(p.action());
        }
        Map<TreeSet<String>, List<String>> groups = new LinkedHashMap<>();
        actionsByResource.forEach((r, actions) -> groups.computeIfAbsent(actions, a -> new ArrayList<>()).add(r));
        List<Call> packed = new ArrayList<>();
        Set<Pair> assigned = new LinkedHashSet<>();
        Set<String> actions = new LinkedHashSet<>();
        Set<String> resources = new LinkedHashSet<>();
        for (Map.Entry<TreeSet<String>, List<String>> g : groups.entrySet()) {
            List<String> a = new ArrayList<>(g.getKey());
            // A group larger than one page is cut into rectangles of at most MAX_ITEMS.
            int perCall = Math.max(1, MAX_ITEMS / Math.min(a.size(), MAX_ITEMS));
            for (int from = 0; from < a.size(); from += MAX_ITEMS) {
                List<String> aPart = a.subList(from, Math.min(a.size(), from + MAX_ITEMS));
                List<String> rs = g.getValue();
                for (int i = 0; i < rs.size(); i += perCall) {
                    List<String> rPart = rs.subList(i, Math.min(rs.size(), i + perCall));
                    Set<String> na = new LinkedHashSet<>(actions);
                    na.addAll(aPart);
                    Set<String> nr = new LinkedHashSet<>(resources);
                    nr.addAll(rPart);
                    if (!actions.isEmpty() && (long) na.size() * nr.size() > MAX_ITEMS) {
                        packed.add(call(actions, resources, distinct, assigned));
                        na = new LinkedHashSet<>(aPart);
                        nr = new LinkedHashSet<>(rPart);
                    }
                    actions = na;
                    resources = nr;
                }
            }
        }
        packed.add(call(actions, resources, distinct, assigned));
        int bound = (distinct.size() + BATCH_SIZE - 1) / BATCH_SIZE;
        if (packed.size() <= bound) {
            return packed;
        }
        List<Pair> all = new ArrayList<>(distinct);
        List<Call> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH_SIZE) {
            List<Pair> chunk = all.subList(i, Math.min(all.size(), i + BATCH_SIZE));
            Set<String> ca = new LinkedHashSet<>();
            Set<String> cr = new LinkedHashSet<>();
            for (Pair p : chunk) {
                ca.add(p.action());
                cr.add(p.resource());
            }
            chunks.add(new Call(new ArrayList<>(ca), new ArrayList<>(cr), chunk));
        }
        return chunks;
    }

    /** The call over these actions and resources, answering the wanted pairs no earlier call answers. */
    private static Call call(Set<String> actions, Set<String> resources, Set<Pair> wanted, Set<Pair> assigned) {
        List<Pair> pairs = new ArrayList<>();
        for (Pair p : wanted) {
            if (actions.contains(p.action()) && resources.contains(p.resource()) && assigned.add(p)) {
                pairs.add(p);
            }
        }
        return new Call(new ArrayList<>(actions), new ArrayList<>(resources), pairs);
    }
}
