package dev.iampreflight.core;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Merging lists of findings without repeats, in time linear in their sizes. */
public final class FindingLists {

    private FindingLists() {
    }

    /**
     * Appends each finding of {@code more} that {@code into} does not hold yet, keeping the order. A
     * {@code contains} per finding would be quadratic: a policy with 20,000 duplicate keys has 20,000 findings.
     */
    public static void addNew(List<Finding> into, Collection<Finding> more) {
        if (more.isEmpty()) {
            return;
        }
        Set<Finding> seen = new HashSet<>(into);
        for (Finding f : more) {
            if (seen.add(f)) {
                into.add(f);
            }
        }
    }
}
