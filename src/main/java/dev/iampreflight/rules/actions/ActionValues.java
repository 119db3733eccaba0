package dev.iampreflight.rules.actions;

import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.rules.PolicyText;

import java.util.ArrayList;
import java.util.List;

/** The Action and NotAction values the action rules read: known text, well-formed {@code service:name}. */
final class ActionValues {

    private ActionValues() {
    }

    /** Every Action or NotAction value of the statement that is not unknown and has the form service:name. */
    static List<LocatedString> wellFormed(Statement s) {
        List<LocatedString> out = new ArrayList<>();
        for (LocatedString a : s.actions().values()) {
            String v = a.value();
            if (!PolicyText.unknown(v) && v.indexOf(':') > 0 && v.indexOf(':') == v.lastIndexOf(':')
                    && v.equals(v.strip())) {
                out.add(a);
            }
        }
        return out;
    }
}
