package dev.iampreflight.eval.local.internal;

import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.policy.internal.Glob;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A policy value with policy variables, parsed once. Syntax
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html): {@code ${key}} is replaced by
 * the request's single value for {@code key} (key names are case-insensitive); {@code ${key, 'default'}} uses the
 * default when the key has no value ({@code ''} inside the quotes is one quote); {@code ${*}}, {@code ${?}},
 * {@code ${$}} are the literal characters. Substituted text is literal, never a wildcard. IAM substitutes once (a
 * default that looks like a variable stays text). Variables are substituted only under Version 2012-10-17; under
 * 2008-10-17 (or no Version) the text is taken as written.
 */
public final class Template {

    sealed interface Part permits Text, Var, Esc {
    }

    record Text(String raw) implements Part {
    }

    record Var(String key, String fallback) implements Part {
    }

    record Esc(char c) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    public String source() {
        return source;
    }

    /** True when at least one variable has to be looked up in the request. */
    public boolean hasVariables() {
        for (Part p : parts) {
            if (p instanceof Var) {
                return true;
            }
        }
        return false;
    }

    /** The variable names (lower-case) this template reads. */
    public List<String> variables() {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Var v) {
                out.add(v.key());
            }
        }
        return out;
    }

    public static Template parse(String text, boolean substitute) {
        List<Part> parts = new ArrayList<>();
        if (!substitute || !text.contains("${")) {
            parts.add(new Text(text));
            return new Template(text, parts);
        }
        StringBuilder raw = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                raw.append(text, i, text.length());
                break;
            }
            raw.append(text, i, open);
            int end = closing(text, open + 2);
            if (end < 0) {
                raw.append(text, open, text.length());
                break;
            }
            String body = text.substring(open + 2, end);
            Part p = body(body);
            if (p == null) {
                raw.append(text, open, end + 1);
            } else {
                if (raw.length() > 0) {
                    parts.add(new Text(raw.toString()));
                    raw.setLength(0);
                }
                parts.add(p);
            }
            i = end + 1;
        }
        if (raw.length() > 0) {
            parts.add(new Text(raw.toString()));
        }
        return new Template(text, parts);
    }

    /** Index of the '}' closing a variable whose body starts at {@code from}, skipping quoted defaults. */
    private static int closing(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++;
                    continue;
                }
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static Part body(String body) {
        String b = body.trim();
        if (b.equals("*") || b.equals("?") || b.equals("$")) {
            return new Esc(b.charAt(0));
        }
        int comma = b.indexOf(',');
        if (comma < 0) {
            return b.isEmpty() || b.contains(" ") ? null : new Var(b.toLowerCase(Locale.ROOT), null);
        }
        String key = b.substring(0, comma).trim();
        String def = b.substring(comma + 1).trim();
        if (key.isEmpty() || def.length() < 2 || def.charAt(0) != '\'' || def.charAt(def.length() - 1) != '\'') {
            return null;
        }
        String inner = def.substring(1, def.length() - 1);
        // A lone quote inside is malformed; a doubled one is a quote.
        String unq = inner.replace("''", "\u0000");
        if (unq.indexOf('\'') >= 0) {
            return null;
        }
        return new Var(key.toLowerCase(Locale.ROOT), unq.replace('\u0000', '\''));
    }

    /**
     * Appends the resolved tokens (policy text keeps its wildcards; substituted values are literal). Returns false
     * when a variable has no value and no default: the caller treats the value as matching nothing.
     */
    public boolean resolveInto(Glob.TokenBuffer out, Function<String, String> lookup) {
        for (Part p : parts) {
            if (p instanceof Text t) {
                out.policyText(t.raw());
            } else if (p instanceof Esc e) {
                out.add(Glob.LIT, e.c());
            } else {
                String value = value((Var) p, lookup);
                if (value == null) {
                    return false;
                }
                out.literal(value);
            }
        }
        return true;
    }

    /**
     * The resolved value as plain text for operators without wildcards (StringEquals, Numeric, ...): every character
     * literal. Null when a variable cannot be resolved.
     */
    public String resolveText(Function<String, String> lookup) {
        if (parts.size() == 1 && parts.get(0) instanceof Text t) {
            return t.raw();
        }
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                sb.append(t.raw());
            } else if (p instanceof Esc e) {
                sb.append(e.c());
            } else {
                String value = value((Var) p, lookup);
                if (value == null) {
                    return null;
                }
                sb.append(value);
            }
        }
        return sb.toString();
    }

    /** Resolves to a pattern in the given mode, or null when a variable cannot be resolved. */
    public Glob resolveGlob(Function<String, String> lookup, Wildcards.Mode mode) {
        Glob.TokenBuffer b = new Glob.TokenBuffer(source.length() + 16);
        return resolveInto(b, lookup) ? b.toGlob(mode) : null;
    }

    @Override
    public String toString() {
        return source;
    }

    /** A variable's value from the request context, else its default ({@code ${key, 'd'}}), else null. */
    private static String value(Var v, Function<String, String> lookup) {
        String value = lookup.apply(v.key());
        return value != null ? value : v.fallback();
    }
}
