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

    /** TSNode keeps C's {@code context[0]}, the node's start byte, in a field: reading it needs no native call. */
    private static final java.lang.invoke.VarHandle START = startHandle();

    private static java.lang.invoke.VarHandle startHandle() {
        try {
            return java.lang.invoke.MethodHandles.privateLookupIn(TSNode.class, java.lang.invoke.MethodHandles.lookup())
                    .findVarHandle(TSNode.class, "context0", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Symbol id -> type name and whether it is named, from the grammar (one native call per symbol, once). */
    private static final String[] NAMES;
    private static final boolean[] NAMED;
    /** Field id -> field name (index 0, no field, is null). */
    private static final String[] FIELDS;
    /** Names of symbols outside the grammar's table (ERROR), by symbol: met only in files with syntax errors. */
    private static final java.util.Map<Integer, String> OTHER_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        org.treesitter.TSLanguage lang = new org.treesitter.TreeSitterPython();
        int count = lang.symbolCount();
        NAMES = new String[count];
        NAMED = new boolean[count];
        for (int i = 0; i < count; i++) {
            // Interned: PyNode.is compares with literals, which then match by identity, not byte by byte.
            NAMES[i] = lang.symbolName(i).intern();
            NAMED[i] = lang.symbolType(i) == org.treesitter.TSSymbolType.TSSymbolTypeRegular;
        }
        FIELDS = new String[lang.fieldCount() + 1];
        for (int i = 1; i < FIELDS.length; i++) {
            FIELDS[i] = lang.fieldNameForId(i).intern();
        }
    }

    /** The id {@link PyTree} keeps for the type of node {@code n} of this symbol: the symbol (tree-sitter's are 16-bit). */
    static int typeId(int symbol, TSNode n) {
        if (symbol < 0 || symbol >= NAMES.length) {
            OTHER_NAMES.computeIfAbsent(symbol, k -> type(n).intern());
        }
        return symbol;
    }

    /** The type name of a {@link #typeId}. */
    static String typeName(int id) {
        return id < NAMES.length ? NAMES[id] : OTHER_NAMES.get(id);
    }

    /** The name of a field id (as {@code TSTreeCursor.currentFieldId} gives it), null for 0 (no field). */
    static String fieldName(int id) {
        return FIELDS[id];
    }

    /** The type name of a symbol, or null for symbols outside the grammar's table (ERROR). */
    static String typeOf(int symbol) {
        return symbol >= 0 && symbol < NAMES.length ? NAMES[symbol] : null;
    }

    static boolean namedSymbol(int symbol) {
        return symbol >= 0 && symbol < NAMED.length && NAMED[symbol];
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
        return START != null ? (int) START.get(n) : ts_node_start_byte(n);
    }

    static int endByte(TSNode n) {
        return ts_node_end_byte(n);
    }
}
