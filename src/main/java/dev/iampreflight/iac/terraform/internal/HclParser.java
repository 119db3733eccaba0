package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.iac.terraform.internal.Hcl.Attribute;
import dev.iampreflight.iac.terraform.internal.Hcl.Block;
import dev.iampreflight.iac.terraform.internal.Hcl.Body;
import dev.iampreflight.iac.terraform.internal.Hcl.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recursive-descent parser for HCL2 native syntax as Terraform writes it (hclsyntax spec:
 * https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md): bodies, blocks, attributes, every expression form
 * (templates with interpolation, heredocs, tuples, objects, for-expressions, splats, conditionals, operators, function
 * calls). Scannerless, so that interpolations inside strings are parsed in place and keep exact line and column.
 * Template directives ({@code %{if}}, {@code %{for}}) are parsed into their branches and bodies.
 */
public final class HclParser {

    /** A syntax error at a location. */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SourceLocation location;

        SyntaxError(SourceLocation location, String message) {
            super(message);
            this.location = location;
        }

        public SourceLocation location() {
            return location;
        }
    }

    private static final int MAX_DEPTH = 200;

    private final String src;
    private final String file;
    private int pos;
    private int line = 1;
    private int col = 1;
    private int nesting;
    private int depth;

    private HclParser(String src, String file) {
        this.src = src;
        this.file = file;
    }

    public static Body parse(String text, String file) throws SyntaxError {
        HclParser p = new HclParser(text.startsWith("\uFEFF") ? text.substring(1) : text, file);
        try {
            return p.body(true);
        } catch (StackOverflowError e) {
            throw new SyntaxError(p.here(), "nesting is too deep");
        }
    }

    /** Parses a template (the text of a {@code templatefile()} file) starting at line 1. */
    public static Hcl.Template parseTemplate(String text, String file) throws SyntaxError {
        return parseTemplate(text, file, new SourceLocation(file, 1, 1));
    }

    /** Parses a template whose text starts at {@code start} (a heredoc given to {@code data "template_file"}). */
    public static Hcl.Template parseTemplate(String text, String file, SourceLocation start) throws SyntaxError {
        HclParser p = new HclParser(text, file);
        p.line = Math.max(1, start.line());
        p.col = Math.max(1, start.column());
        return p.templateUntil(-1, true, false);
    }

    /** Parses one expression (used for the string values of Terraform JSON syntax). */
    public static Expr parseExpression(String text, String file, SourceLocation at) throws SyntaxError {
        HclParser p = new HclParser(text, file);
        p.line = Math.max(1, at.line());
        p.col = Math.max(1, at.column());
        Hcl.Template t = p.templateUntil(-1, false, false);
        return t;
    }

    // ---- characters -------------------------------------------------------------------------------------------

    private SourceLocation here() {
        return new SourceLocation(file, line, col);
    }

    private boolean eof() {
        return pos >= src.length();
    }

    private char peek() {
        return eof() ? '\0' : src.charAt(pos);
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i >= src.length() ? '\0' : src.charAt(i);
    }

    private boolean lookingAt(String s) {
        return src.startsWith(s, pos);
    }

    private char next() {
        char c = src.charAt(pos++);
        if (c == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        return c;
    }

    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            next();
        }
    }

    private SyntaxError error(String message) {
        String found = eof() ? "the end of the file" : "'" + (peek() == '\n' ? "\\n" : String.valueOf(peek())) + "'";
        return new SyntaxError(here(), message + ", found " + found);
    }

    private void expect(char c) throws SyntaxError {
        skip();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        next();
    }

    /** Skips blanks and comments; newlines too when inside brackets. */
    private void skip() throws SyntaxError {
        while (!eof()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                next();
            } else if (c == '\n' && nesting > 0) {
                next();
            } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                while (!eof() && peek() != '\n') {
                    next();
                }
            } else if (c == '/' && peek(1) == '*') {
                SourceLocation start = here();
                advance(2);
                while (!eof() && !lookingAt("*/")) {
                    next();
                }
                if (eof()) {
                    throw new SyntaxError(start, "unterminated /* comment");
                }
                advance(2);
            } else {
                return;
            }
        }
    }

    private void skipNewlines() throws SyntaxError {
        while (true) {
            skip();
            if (peek() == '\n') {
                next();
            } else {
                return;
            }
        }
    }

    private static boolean idStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean idPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private String identifier() throws SyntaxError {
        if (!idStart(peek())) {
            throw error("expected a name");
        }
        int start = pos;
        while (!eof() && idPart(peek())) {
            next();
        }
        return src.substring(start, pos);
    }

    // ---- bodies -----------------------------------------------------------------------------------------------

    private Body body(boolean top) throws SyntaxError {
        SourceLocation at = here();
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        int saved = nesting;
        nesting = 0;
        while (true) {
            skipNewlines();
            if (eof()) {
                if (!top) {
                    throw error("expected '}' to close the block");
                }
                break;
            }
            if (!top && peek() == '}') {
                break;
            }
            SourceLocation itemAt = here();
            String name = identifier();
            skip();
            if (peek() == '=' && peek(1) != '=') {
                next();
                Expr value = expression();
                attributes.add(new Attribute(name, value, itemAt));
                endOfItem(top);
            } else {
                List<String> labels = new ArrayList<>();
                while (peek() != '{') {
                    if (peek() == '"') {
                        Hcl.Template t = quoted();
                        labels.add(t.literal().orElse(""));
                    } else if (idStart(peek())) {
                        labels.add(identifier());
                    } else {
                        throw error("expected '=' after attribute name '" + name + "' or a block label or '{'");
                    }
                    skip();
                }
                next();
                Body inner = body(false);
                expect('}');
                blocks.add(new Block(name, labels, inner, itemAt));
                endOfItem(top);
            }
        }
        nesting = saved;
        return new Body(attributes, blocks, at);
    }

    private void endOfItem(boolean top) throws SyntaxError {
        skip();
        if (eof() || peek() == '\n' || (!top && peek() == '}')) {
            return;
        }
        throw error("expected a new line after the item");
    }

    // ---- expressions ------------------------------------------------------------------------------------------

    private Expr expression() throws SyntaxError {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError(here(), "expression nesting is too deep");
        }
        try {
            Expr cond = binary(0);
            skip();
            if (peek() == '?') {
                next();
                Expr t = expression();
                expect(':');
                Expr f = expression();
                return new Hcl.Conditional(cond, t, f, cond.location());
            }
            return cond;
        } finally {
            depth--;
        }
    }

    private static final String[][] LEVELS = {
            {"||"}, {"&&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"}};

    private Expr binary(int level) throws SyntaxError {
        if (level == LEVELS.length) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (true) {
            skip();
            String op = null;
            for (String o : LEVELS[level]) {
                if (lookingAt(o) && !(o.equals("=") || (o.equals("<") && lookingAt("<<"))
                        || (o.equals(">") && lookingAt("=>")))) {
                    op = o;
                    break;
                }
            }
            if (op == null) {
                return left;
            }
            advance(op.length());
            Expr right = binary(level + 1);
            left = new Hcl.Binary(op, left, right, left.location());
        }
    }

    private Expr unary() throws SyntaxError {
        skip();
        if (peek() == '!' || (peek() == '-' && !Character.isDigit(peek(1)))) {
            SourceLocation at = here();
            String op = String.valueOf(next());
            return new Hcl.Unary(op, unary(), at);
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) throws SyntaxError {
        while (true) {
            int savePos = pos;
            int saveLine = line;
            int saveCol = col;
            skip();
            SourceLocation at = here();
            if (peek() == '.' && peek(1) != '.') {
                next();
                if (peek() == '*') {
                    next();
                    e = new Hcl.Splat(e, at);
                } else if (Character.isDigit(peek())) {
                    int start = pos;
                    while (Character.isDigit(peek())) {
                        next();
                    }
                    e = new Hcl.Index(e, new Hcl.Literal(Hcl.Literal.Kind.NUMBER, src.substring(start, pos), at), at);
                } else {
                    e = new Hcl.GetAttr(e, identifier(), at);
                }
            } else if (peek() == '[') {
                next();
                nesting++;
                skip();
                if (peek() == '*') {
                    next();
                    nesting--;
                    expect(']');
                    e = new Hcl.Splat(e, at);
                } else {
                    Expr key = expression();
                    nesting--;
                    expect(']');
                    e = new Hcl.Index(e, key, at);
                }
            } else {
                pos = savePos;
                line = saveLine;
                col = saveCol;
                return e;
            }
        }
    }

    private Expr primary() throws SyntaxError {
        skip();
        SourceLocation at = here();
        char c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '<' && peek(1) == '<') {
            return heredoc();
        }
        if (Character.isDigit(c) || (c == '-' && Character.isDigit(peek(1)))) {
            int start = pos;
            next();
            while (Character.isDigit(peek()) || (peek() == '.' && Character.isDigit(peek(1)))
                    || peek() == 'e' || peek() == 'E'
                    || ((peek() == '+' || peek() == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E'))) {
                next();
            }
            return new Hcl.Literal(Hcl.Literal.Kind.NUMBER, src.substring(start, pos), at);
        }
        if (c == '(') {
            next();
            nesting++;
            Expr inner = expression();
            nesting--;
            expect(')');
            return inner;
        }
        if (c == '[') {
            next();
            nesting++;
            skip();
            if (lookingAtKeyword("for")) {
                Expr f = forExpr(false, at);
                nesting--;
                expect(']');
                return f;
            }
            List<Expr> items = new ArrayList<>();
            while (true) {
                skip();
                if (peek() == ']') {
                    break;
                }
                items.add(expression());
                skip();
                if (peek() == ',') {
                    next();
                } else if (peek() != ']') {
                    throw error("expected ',' or ']' in a list");
                }
            }
            nesting--;
            next();
            return new Hcl.Tuple(items, at);
        }
        if (c == '{') {
            next();
            nesting++;
            skip();
            if (lookingAtKeyword("for")) {
                Expr f = forExpr(true, at);
                nesting--;
                expect('}');
                return f;
            }
            List<Hcl.ObjectCons.Item> items = new ArrayList<>();
            while (true) {
                skip();
                if (peek() == '}') {
                    break;
                }
                SourceLocation keyAt = here();
                Expr key;
                if (idStart(peek())) {
                    int save = pos;
                    int sl = line;
                    int sc = col;
                    String name = identifier();
                    skip();
                    if (peek() == '=' || peek() == ':') {
                        key = new Hcl.Template(List.of(name), false, keyAt);
                    } else {
                        pos = save;
                        line = sl;
                        col = sc;
                        key = expression();
                    }
                } else {
                    key = expression();
                }
                skip();
                if ((peek() == '=' && peek(1) != '=') || peek() == ':') {
                    next();
                } else {
                    throw error("expected '=' or ':' after an object key");
                }
                Expr value = expression();
                items.add(new Hcl.ObjectCons.Item(key, value, keyAt));
                skip();
                if (peek() == ',') {
                    next();
                }
            }
            nesting--;
            next();
            return new Hcl.ObjectCons(items, at);
        }
        if (idStart(c)) {
            String name = identifier();
            while (lookingAt("::") && idStart(peek(2))) { // provider::aws::arn_parse(...)
                advance(2);
                name = name + "::" + identifier();
            }
            switch (name) {
                case "true":
                case "false":
                    return new Hcl.Literal(Hcl.Literal.Kind.BOOL, name, at);
                case "null":
                    return new Hcl.Literal(Hcl.Literal.Kind.NULL, name, at);
                default:
                    break;
            }
            if (peek() == '(') {
                next();
                nesting++;
                List<Expr> args = new ArrayList<>();
                boolean expand = false;
                while (true) {
                    skip();
                    if (peek() == ')') {
                        break;
                    }
                    args.add(expression());
                    skip();
                    if (lookingAt("...")) {
                        advance(3);
                        expand = true;
                        skip();
                    }
                    if (peek() == ',') {
                        next();
                    } else if (peek() != ')') {
                        throw error("expected ',' or ')' in the arguments of " + name + "()");
                    }
                }
                nesting--;
                next();
                return new Hcl.Call(name, args, expand, at);
            }
            return new Hcl.Variable(name, at);
        }
        throw error("expected an expression");
    }

    private boolean lookingAtKeyword(String k) {
        return lookingAt(k) && !idPart(peek(k.length()));
    }

    /** What {@code for} binds and iterates over: {@code [KEY,] VALUE in COLLECTION}. */
    private record ForHeader(Optional<String> keyVar, String valueVar, Expr collection) {
    }

    /** Reads a for header after the keyword, for a for expression or a {@code %{for}} directive ({@code what}). */
    private ForHeader forHeader(String what) throws SyntaxError {
        skip();
        String first = identifier();
        skip();
        Optional<String> keyVar = Optional.empty();
        String valueVar = first;
        if (peek() == ',') {
            next();
            skip();
            keyVar = Optional.of(first);
            valueVar = identifier();
            skip();
        }
        if (!lookingAtKeyword("in")) {
            throw error("expected 'in' in " + what);
        }
        advance(2);
        return new ForHeader(keyVar, valueVar, expression());
    }

    private Expr forExpr(boolean object, SourceLocation at) throws SyntaxError {
        advance(3);
        ForHeader h = forHeader("a for expression");
        Optional<String> keyVar = h.keyVar();
        String valueVar = h.valueVar();
        Expr collection = h.collection();
        expect(':');
        Expr keyExpr = null;
        Expr valueExpr = expression();
        skip();
        if (object) {
            if (!lookingAt("=>")) {
                throw error("expected '=>' in an object for expression");
            }
            advance(2);
            keyExpr = valueExpr;
            valueExpr = expression();
            skip();
        }
        boolean grouping = false;
        if (lookingAt("...")) {
            advance(3);
            grouping = true;
            skip();
        }
        Optional<Expr> cond = Optional.empty();
        if (lookingAtKeyword("if")) {
            advance(2);
            cond = Optional.of(expression());
        }
        return new Hcl.For(keyVar, valueVar, collection, Optional.ofNullable(keyExpr), valueExpr, cond, object,
                grouping, at);
    }

    // ---- templates --------------------------------------------------------------------------------------------

    private Hcl.Template quoted() throws SyntaxError {
        SourceLocation at = here();
        next(); // opening quote
        Hcl.Template t = templateUntil('"', false, true);
        if (peek() != '"') {
            throw new SyntaxError(at, "unterminated string");
        }
        next();
        return new Hcl.Template(t.parts(), false, at);
    }

    /**
     * Reads template parts until {@code end} (a quote) or, for heredocs and template files ({@code end == -1}), the end
     * of input; {@code escapes} turns on backslash escapes (quoted strings only).
     */
    private Hcl.Template templateUntil(int end, boolean heredoc, boolean escapes) throws SyntaxError {
        SourceLocation at = here();
        List<Object> parts = new ArrayList<>();
        templateParts(end, escapes, parts, java.util.Set.of());
        return new Hcl.Template(parts, heredoc, at);
    }

    /**
     * Reads template parts into {@code parts} until {@code end}, the end of input, or a directive named in
     * {@code closers} ({@code else}, {@code endif}, {@code endfor}); returns the closer read, or "" at the end.
     * Strip markers (https://developer.hashicorp.com/terraform/language/expressions/strings#whitespace-stripping):
     * {@code ${~} / {@code %{~} remove the white space (new lines included) before the sequence, {@code ~}} the white
     * space after it.
     */
    private String templateParts(int end, boolean escapes, List<Object> parts, java.util.Set<String> closers)
            throws SyntaxError {
        StringBuilder lit = new StringBuilder();
        while (!eof()) {
            char c = peek();
            if (end != -1 && c == end) {
                break;
            }
            if (end != -1 && c == '\n') {
                throw error("a quoted string cannot span lines; use a heredoc");
            }
            if (lookingAt("$${") || lookingAt("%%{")) {
                lit.append(c).append('{');
                advance(3);
            } else if (lookingAt("${")) {
                advance(2);
                if (peek() == '~') {
                    next();
                    stripTrailing(lit);
                }
                flush(lit, parts);
                int saved = nesting;
                nesting = 1;
                Expr e = expression();
                nesting = saved;
                parts.add(e);
                closeSequence(end, "the interpolation");
            } else if (lookingAt("%{")) {
                SourceLocation at = here();
                advance(2);
                if (peek() == '~') {
                    next();
                    stripTrailing(lit);
                }
                flush(lit, parts);
                skipInline();
                String keyword = idStart(peek()) ? identifier() : "";
                switch (keyword) {
                    case "if" -> parts.add(ifDirective(end, escapes, at));
                    case "for" -> parts.add(forDirective(end, escapes, at));
                    case "else", "endif", "endfor" -> {
                        if (!closers.contains(keyword)) {
                            throw new SyntaxError(at, "%{" + keyword + "} without a matching %{"
                                    + (keyword.equals("endfor") ? "for" : "if") + "}");
                        }
                        closeSequence(end, "the %{" + keyword + "} directive");
                        return keyword;
                    }
                    default -> throw new SyntaxError(at, "unknown template directive '%{" + keyword
                            + "'; expected if, else, endif, for or endfor (write %%{ for a literal %{)");
                }
            } else if (escapes && c == '\\') {
                next();
                char e = eof() ? '\\' : next();
                switch (e) {
                    case 'n' -> lit.append('\n');
                    case 't' -> lit.append('\t');
                    case 'r' -> lit.append('\r');
                    case '"' -> lit.append('"');
                    case '\\' -> lit.append('\\');
                    case 'u', 'U' -> {
                        int n = e == 'u' ? 4 : 8;
                        int start = pos;
                        for (int i = 0; i < n && !eof(); i++) {
                            next();
                        }
                        try {
                            lit.appendCodePoint(Integer.parseInt(src.substring(start, pos), 16));
                        } catch (IllegalArgumentException ex) {
                            throw new SyntaxError(here(), "bad unicode escape");
                        }
                    }
                    default -> throw new SyntaxError(here(), "unknown escape sequence '\\" + e + "'");
                }
            } else {
                lit.append(next());
            }
        }
        flush(lit, parts);
        return "";
    }

    private static void flush(StringBuilder lit, List<Object> parts) {
        if (lit.length() > 0) {
            parts.add(lit.toString());
            lit.setLength(0);
        }
    }

    private static void stripTrailing(StringBuilder lit) {
        int n = lit.length();
        while (n > 0 && Character.isWhitespace(lit.charAt(n - 1))) {
            n--;
        }
        lit.setLength(n);
    }

    private void skipInline() {
        while (!eof() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n')) {
            next();
        }
    }

    /** The end of an interpolation or directive: an optional strip marker, then '}'. */
    private void closeSequence(int end, String what) throws SyntaxError {
        int saved = nesting;
        nesting = 1;
        skip();
        nesting = saved;
        boolean strip = false;
        if (peek() == '~') {
            next();
            strip = true;
        }
        if (peek() != '}') {
            throw error("expected '}' to close " + what);
        }
        next();
        if (strip) {
            while (!eof() && Character.isWhitespace(peek()) && peek() != end) {
                next();
            }
        }
    }

    private Hcl.IfDirective ifDirective(int end, boolean escapes, SourceLocation at) throws SyntaxError {
        int saved = nesting;
        nesting = 1;
        Expr cond = expression();
        nesting = saved;
        closeSequence(end, "the %{if} directive");
        List<Object> then = new ArrayList<>();
        List<Object> otherwise = new ArrayList<>();
        String closer = templateParts(end, escapes, then, java.util.Set.of("else", "endif"));
        if (closer.equals("else")) {
            closer = templateParts(end, escapes, otherwise, java.util.Set.of("endif"));
        }
        if (!closer.equals("endif")) {
            throw new SyntaxError(at, "%{if} is not closed by %{endif}");
        }
        return new Hcl.IfDirective(cond, then, otherwise, at);
    }

    private Hcl.ForDirective forDirective(int end, boolean escapes, SourceLocation at) throws SyntaxError {
        int saved = nesting;
        nesting = 1;
        ForHeader h = forHeader("a %{for} directive");
        nesting = saved;
        closeSequence(end, "the %{for} directive");
        List<Object> body = new ArrayList<>();
        if (!templateParts(end, escapes, body, java.util.Set.of("endfor")).equals("endfor")) {
            throw new SyntaxError(at, "%{for} is not closed by %{endfor}");
        }
        return new Hcl.ForDirective(h.keyVar(), h.valueVar(), h.collection(), body, at);
    }

    private Hcl.Template heredoc() throws SyntaxError {
        SourceLocation at = here();
        advance(2);
        boolean indent = false;
        if (peek() == '-') {
            next();
            indent = true;
        }
        String marker = identifier();
        while (peek() == ' ' || peek() == '\t' || peek() == '\r') {
            next();
        }
        if (peek() != '\n') {
            throw error("expected a new line after the heredoc marker <<" + marker);
        }
        next();
        // Find the closing marker line, then parse the content between as a template.
        int contentStart = pos;
        int scan = pos;
        int endOfContent = -1;
        int afterMarker = -1;
        while (scan <= src.length()) {
            int nl = src.indexOf('\n', scan);
            int lineEnd = nl < 0 ? src.length() : nl;
            if (src.substring(scan, lineEnd).trim().equals(marker)) {
                endOfContent = scan;
                afterMarker = src.indexOf(marker, scan) + marker.length();
                break;
            }
            if (nl < 0) {
                break;
            }
            scan = nl + 1;
        }
        if (endOfContent < 0) {
            throw new SyntaxError(at, "heredoc <<" + marker + " is not closed by a line holding only '" + marker + "'");
        }
        HclParser inner = new HclParser(src.substring(0, endOfContent), file);
        inner.pos = contentStart;
        inner.line = line;
        inner.col = col;
        Hcl.Template t = inner.templateUntil(-1, true, false);
        while (pos < afterMarker) {
            next();
        }
        List<Object> parts = t.parts();
        if (indent) {
            parts = stripIndent(parts);
        }
        return new Hcl.Template(parts, true, new SourceLocation(file, t.location().line(), 1));
    }

    /**
     * {@code <<-}: removes the smallest indentation of the content's lines from every line, directive bodies
     * included (their lines are lines of the heredoc).
     */
    private static List<Object> stripIndent(List<Object> parts) {
        int[] min = {Integer.MAX_VALUE};
        boolean[] atLineStart = {true};
        minIndent(parts, min, atLineStart);
        if (min[0] == Integer.MAX_VALUE || min[0] == 0) {
            return parts;
        }
        return strip(parts, min[0], new boolean[]{true});
    }

    private static void minIndent(List<Object> parts, int[] min, boolean[] atLineStart) {
        for (Object p : parts) {
            if (p instanceof String s) {
                String[] lines = s.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String l = lines[i];
                    if ((i > 0 || atLineStart[0]) && !l.isBlank()) {
                        int n = 0;
                        while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
                            n++;
                        }
                        min[0] = Math.min(min[0], n);
                    }
                }
                atLineStart[0] = s.endsWith("\n");
            } else if (p instanceof Hcl.IfDirective d) {
                minIndent(d.then(), min, atLineStart);
                minIndent(d.otherwise(), min, atLineStart);
            } else if (p instanceof Hcl.ForDirective d) {
                minIndent(d.body(), min, atLineStart);
            } else {
                atLineStart[0] = false;
            }
        }
    }

    private static List<Object> strip(List<Object> parts, int min, boolean[] start) {
        List<Object> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String s) {
                StringBuilder b = new StringBuilder();
                String[] lines = s.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String l = lines[i];
                    if ((i > 0 || start[0]) && l.length() >= min && l.substring(0, min).isBlank()) {
                        l = l.substring(min);
                    }
                    b.append(i == 0 ? "" : "\n").append(l);
                }
                out.add(b.toString());
                start[0] = s.endsWith("\n");
            } else if (p instanceof Hcl.IfDirective d) {
                boolean[] before = {start[0]};
                List<Object> then = strip(d.then(), min, start);
                List<Object> otherwise = strip(d.otherwise(), min, before);
                out.add(new Hcl.IfDirective(d.condition(), then, otherwise, d.location()));
            } else if (p instanceof Hcl.ForDirective d) {
                out.add(new Hcl.ForDirective(d.keyVar(), d.valueVar(), d.collection(), strip(d.body(), min, start),
                        d.location()));
            } else {
                out.add(p);
                start[0] = false;
            }
        }
        return out;
    }
}
