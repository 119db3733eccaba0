package dev.iampreflight.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way the tool reads an input file. Only regular files are opened (a named pipe blocks {@code open} forever,
 * {@code /dev/zero} never ends), the size is checked before reading and again while reading (a file may grow, and
 * {@code /proc} files report size 0), and text must be what it claims to be. Every refusal is an {@link IOException}
 * whose message completes the sentence "'FILE' ...", so the callers' existing "cannot be read: ..." findings say why.
 */
public final class InputFiles {

    /** No input we read is legitimately larger: templates are at most 1 MB, policies 10 KB, generated code less. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private InputFiles() {
    }

    /** The file is not valid text in the encoding it must have; carries where the first bad byte is. */
    public static final class NotText extends IOException {
        private final int line;
        private final int column;

        NotText(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        public SourceLocation at(String file) {
            return new SourceLocation(file, line, column);
        }
    }

    /**
     * A stream over a regular file of any size, for input read line by line (a batch); a directory, named pipe,
     * device or socket is refused with the reason, never waited on.
     */
    public static InputStream openRegular(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class); // follows symlinks
        if (attrs.isDirectory()) {
            throw new IOException("is a directory, not a file");
        }
        if (!attrs.isRegularFile()) {
            throw new IOException("is not a regular file (a named pipe, device or socket) and is not read");
        }
        return Files.newInputStream(file);
    }

    /** The bytes of a regular file of at most {@code maxBytes}; anything else is refused with the reason. */
    public static byte[] readBytes(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class); // follows symlinks
        if (attrs.isDirectory()) {
            throw new IOException("is a directory, not a file");
        }
        if (!attrs.isRegularFile()) {
            throw new IOException("is not a regular file (a named pipe, device or socket) and is not read");
        }
        if (attrs.size() > maxBytes) {
            throw new IOException("is " + attrs.size() + " bytes; files over " + maxBytes + " bytes are not read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new IOException("grew past " + maxBytes + " bytes while being read and is not read");
            }
            return bytes;
        }
    }

    public static byte[] readBytes(Path file) throws IOException {
        return readBytes(file, MAX_BYTES);
    }

    /** A regular file as strict UTF-8 (a leading byte order mark is dropped); {@link NotText} says where it breaks. */
    public static String readUtf8(Path file, long maxBytes) throws IOException {
        return utf8(readBytes(file, maxBytes));
    }

    public static String readUtf8(Path file) throws IOException {
        return readUtf8(file, MAX_BYTES);
    }

    /** Strict UTF-8 decoding of {@code bytes}; a byte order mark is dropped. */
    public static String utf8(byte[] bytes) throws NotText {
        int start = hasUtf8Bom(bytes) ? 3 : 0;
        Optional<NotText> bad = firstMalformedUtf8(bytes, start, "UTF-8");
        if (bad.isPresent()) {
            throw bad.get();
        }
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }

    public static boolean hasUtf8Bom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    /**
     * Where the first byte sequence that is not UTF-8 starts, as a line and column (columns count characters, the
     * way editors do), or empty when all of it is UTF-8.
     */
    public static Optional<NotText> firstMalformedUtf8(byte[] b, int start, String what) {
        // Fast path: ASCII text, which most input is, is UTF-8.
        int ascii = start;
        while (ascii < b.length && b[ascii] >= 0) {
            ascii++;
        }
        if (ascii == b.length) {
            return Optional.empty();
        }
        int line = 1;
        int col = 1;
        int i = start;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int len;
            int min;
            if (c < 0x80) {
                len = 1;
                min = 0;
            } else if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                min = 0x10000;
            } else {
                return Optional.of(notUtf8(c, line, col, what));
            }
            if (i + len > b.length) {
                return Optional.of(notUtf8(c, line, col, what));
            }
            int cp = len == 1 ? c : c & (0xFF >> (len + 1));
            for (int k = 1; k < len; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xC0) != 0x80) {
                    return Optional.of(notUtf8(c, line, col, what));
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 (RFC 3629, section 3).
            if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
                return Optional.of(notUtf8(c, line, col, what));
            }
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i += len;
        }
        return Optional.empty();
    }

    private static NotText notUtf8(int b, int line, int col, String what) {
        return new NotText(String.format(Locale.ROOT, "is not valid %s: byte 0x%02X at line %d, column %d; save it "
                + "as UTF-8", what, b, line, col), line, col);
    }

    /** PEP 263: a comment in line 1 or 2 that matches this names the source encoding. */
    private static final Pattern CODING = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");

    /**
     * A Python source file decoded the way the interpreter decodes it (Python reference manual, "Lexical analysis",
     * sections 2.1.4 Encoding declarations and 2.1.2 Physical lines): a UTF-8 byte order mark, else a PEP 263 coding
     * declaration in the first two lines, else UTF-8; then universal newlines (CR LF and a lone CR are line ends),
     * returned as LF so that lines are counted as Python counts them.
     */
    public static String readPython(Path file, long maxBytes) throws IOException {
        return python(readBytes(file, maxBytes));
    }

    public static String python(byte[] bytes) throws NotText {
        String text;
        if (hasUtf8Bom(bytes)) {
            text = utf8(bytes);
        } else {
            Optional<Coding> declared = declaredCoding(bytes);
            if (declared.isEmpty() || declared.get().charset().equals(StandardCharsets.UTF_8)) {
                Optional<NotText> bad = firstMalformedUtf8(bytes, 0, "UTF-8 (Python's default source encoding; "
                        + "a '# -*- coding: NAME -*-' line declares another)");
                if (bad.isPresent()) {
                    throw bad.get();
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            } else {
                try {
                    text = declared.get().charset().newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    throw new NotText("is not valid " + declared.get().name() + " as its coding line declares",
                            declared.get().line(), 1);
                }
            }
        }
        return universalNewlines(text);
    }

    private record Coding(String name, Charset charset, int line) {
    }

    private static Optional<Coding> declaredCoding(byte[] bytes) throws NotText {
        // The declaration is ASCII; look at the first two lines as Latin-1 so that no byte can fail to decode.
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n|\r|\n", 3);
        for (int i = 0; i < Math.min(2, lines.length); i++) {
            Matcher m = CODING.matcher(lines[i]);
            if (m.find()) {
                String name = m.group(1);
                return Optional.of(new Coding(name, charsetFor(name, i + 1), i + 1));
            }
            // Only a comment or blank first line lets the second line declare the encoding.
            if (i == 0 && !lines[0].isBlank() && !lines[0].stripLeading().startsWith("#")) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Python's codec names (the {@code codecs} module normalises case, '_' and '-') to Java charsets. */
    private static Charset charsetFor(String name, int line) throws NotText {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("utf-8") || n.equals("utf8") || n.startsWith("utf-8-")) {
            return StandardCharsets.UTF_8;
        }
        if (n.matches("latin-?1|iso-?8859-1|iso-latin-1|l1|8859|cp819|latin") || n.startsWith("latin-1-")
                || n.startsWith("iso-8859-1-")) {
            return StandardCharsets.ISO_8859_1;
        }
        if (n.equals("ascii") || n.equals("us-ascii")) {
            return StandardCharsets.US_ASCII;
        }
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new NotText("declares the unknown source encoding '" + name + "'", line, 1);
        }
    }

    private static String universalNewlines(String s) {
        if (s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }
}
