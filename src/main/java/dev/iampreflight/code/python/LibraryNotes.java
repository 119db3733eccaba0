package dev.iampreflight.code.python;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * Notes for third-party packages a project depends on that are known to call AWS but have no model
 * ({@code dev/iampreflight/code/libraries/unmodelled.txt}): the permissions they need are not checked, and a project
 * that reaches AWS only through them would otherwise pass with "0 calls checked".
 */
final class LibraryNotes {

    /** Rule id of the note (docs/rules.md). */
    static final String UNMODELLED_LIBRARY = "IAM1050";

    private LibraryNotes() {
    }

    static List<Finding> unmodelled(DependencyPins pins, LibraryModels models) {
        List<Finding> out = new ArrayList<>();
        pins.named().forEach((name, d) -> {
            if (models.modelled(name)) {
                return;
            }
            models.unmodelled(name).ifPresent(why -> out.add(new Finding(UNMODELLED_LIBRARY, Severity.NOTE,
                    "the project depends on '" + name + "', which calls AWS (" + why + "); iam-preflight has no "
                            + "model of it, so the permissions it needs are not checked",
                    d.at())));
        });
        return out;
    }
}
