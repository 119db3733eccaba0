package dev.iampreflight.core;

import java.util.regex.Pattern;

/**
 * Path globs as ignore files write them (.dockerignore, {@code ignore} entries of .iam-preflight.yml): {@code **}
 * any number of folders (with the slash after it, or anything at the end), {@code *} anything within one path segment,
 * {@code ?} one character of a segment; everything else literal.
 */
public final class PathGlobs {

    private PathGlobs() {
    }

    public static Pattern compile(String glob) {
        return Pattern.compile(regex(glob));
    }

    public static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
