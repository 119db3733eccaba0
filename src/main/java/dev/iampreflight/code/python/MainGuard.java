package dev.iampreflight.code.python;

import dev.iampreflight.code.Reachability;

/**
 * The module-level {@code if __name__ == "__main__":} block: it runs only when the file is run as a script
 * ({@code python worker.py}), never when it is imported, as Lambda imports a handler's module. Its body is kept as a
 * unit of its own ({@link Reachability#MAIN}), reached only from a script entry.
 */
final class MainGuard {

    private static final java.util.regex.Pattern MAIN_TEST =
            java.util.regex.Pattern.compile("__name__==(['\"])__main__\\1|(['\"])__main__\\2==__name__");

    private MainGuard() {
    }

    /** Whether {@code n} is a module-level {@code if} whose condition is {@code __name__ == "__main__"}. */
    static boolean is(PyNode n) {
        if (n == null || !n.is("if_statement") || n.parent() == null || !n.parent().is("module")) {
            return false;
        }
        PyNode c = n.child("condition");
        while (c != null && c.is("parenthesized_expression") && c.namedChildren().size() == 1) {
            c = c.namedChildren().get(0);
        }
        return c != null && c.is("comparison_operator") && c.namedChildren().size() == 2
                && MAIN_TEST.matcher(c.text().replaceAll("\\s+", "")).matches();
    }

    /** Whether {@code block} is the body (not an {@code elif}/{@code else}) of such an {@code if}. */
    static boolean isBody(PyNode block) {
        PyNode parent = block == null ? null : block.parent();
        return parent != null && is(parent) && block.equals(parent.child("consequence"));
    }
}
