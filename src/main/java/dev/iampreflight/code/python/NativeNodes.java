package dev.iampreflight.code.python;

import org.treesitter.TSNode;
import org.treesitter.TSParser;

/**
 * Direct access to tree-sitter's node functions. The public {@link TSNode} getters check for a null node with an
 * extra native call each; copying a tree makes millions of these calls, so this class (a subclass only to reach the
 * binding's protected static natives) calls them once. Only for nodes the cursor returned, which are never null.
 */
final class NativeNodes extends TSParser {

    private NativeNodes() {
    }

    static int symbol(TSNode n) {
        return ts_node_symbol(n);
    }

    static String type(TSNode n) {
        return ts_node_type(n);
    }

    static boolean named(TSNode n) {
        return ts_node_is_named(n);
    }

    static boolean missing(TSNode n) {
        return ts_node_is_missing(n);
    }

    static boolean error(TSNode n) {
        return ts_node_is_error(n);
    }

    static boolean hasError(TSNode n) {
        return ts_node_has_error(n);
    }

    static int startByte(TSNode n) {
        return ts_node_start_byte(n);
    }

    static int endByte(TSNode n) {
        return ts_node_end_byte(n);
    }
}
