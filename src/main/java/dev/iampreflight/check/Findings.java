package dev.iampreflight.check;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.SourceLocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Operations on lists of findings that reporters need. */
public final class Findings {

    private Findings() {
    }

    /**
     * The findings with every relative file name resolved against {@code root}, so a reporter can name files
     * relative to another directory (SARIF and GitHub annotations need paths relative to the repository, which may
     * be above the checked directory).
     */
    public static List<Finding> absolute(List<Finding> findings, Path root) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            List<RelatedLocation> related = new ArrayList<>();
            for (RelatedLocation r : f.related()) {
                related.add(new RelatedLocation(absolute(r.location(), root), r.message()));
            }
            out.add(new Finding(f.ruleId(), f.severity(), f.message(), absolute(f.location(), root), related,
                    f.target(), f.action(), f.resource(), f.fix()));
        }
        return out;
    }

    private static SourceLocation absolute(SourceLocation l, Path root) {
        if (l.file().isEmpty() || Path.of(l.file()).isAbsolute()) {
            return l;
        }
        return new SourceLocation(root.resolve(l.file()).normalize().toString(), l.line(), l.column());
    }
}
