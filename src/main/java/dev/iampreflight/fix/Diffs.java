package dev.iampreflight.fix;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.List;

/** Unified diffs (java-diff-utils), as {@code git diff} prints them, for {@code --fix --dry-run}. */
public final class Diffs {

    private Diffs() {
    }

    public static String unified(String name, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, a, patch, 3);
        return String.join("\n", lines) + "\n";
    }
}
