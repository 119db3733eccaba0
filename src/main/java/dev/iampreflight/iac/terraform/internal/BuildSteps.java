package dev.iampreflight.iac.terraform.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the shell commands of {@code local-exec} build steps for the folders they put into a package: {@code cp} and
 * {@code rsync} into the archived folder, and {@code zip OUT.zip INPUTS} (after any {@code cd}). Dependencies installed
 * with {@code pip install -t} are not code of the project and are ignored, as is any word holding a shell variable
 * (its value is not known). A command it cannot read adds nothing.
 */
final class BuildSteps {

    private static final int MAX_COMMAND_CHARS = 20_000;

    private BuildSteps() {
    }

    /** The folders or files that build steps copy into {@code target} (or a folder inside it). */
    static List<Path> copiedInto(List<Instance> instances, Path target) {
        Set<Path> out = new LinkedHashSet<>();
        for (Packaging.Command c : Packaging.commands(instances)) {
            for (List<String> words : simpleCommands(c)) {
                Path cwd = Path.of(words.get(0));
                List<String> w = words.subList(1, words.size());
                if (w.isEmpty() || !(w.get(0).equals("cp") || w.get(0).equals("rsync"))) {
                    continue;
                }
                List<String> args = operands(w.subList(1, w.size()));
                if (args.size() < 2) {
                    continue;
                }
                Path dest = cwd.resolve(args.get(args.size() - 1)).normalize();
                if (!dest.startsWith(target)) {
                    continue;
                }
                for (String src : args.subList(0, args.size() - 1)) {
                    out.add(cwd.resolve(stripGlob(src)).normalize());
                }
            }
        }
        return List.copyOf(out);
    }

    /** The inputs of a {@code zip} command that writes {@code zip}. */
    static List<Path> zipped(List<Instance> instances, Path zip) {
        Set<Path> out = new LinkedHashSet<>();
        for (Packaging.Command c : Packaging.commands(instances)) {
            for (List<String> words : simpleCommands(c)) {
                Path cwd = Path.of(words.get(0));
                List<String> w = words.subList(1, words.size());
                if (w.isEmpty() || !w.get(0).equals("zip")) {
                    continue;
                }
                List<String> args = operands(w.subList(1, w.size()));
                if (args.size() < 2 || !cwd.resolve(args.get(0)).normalize().equals(zip)) {
                    continue;
                }
                for (String in : args.subList(1, args.size())) {
                    out.add(cwd.resolve(stripGlob(in)).normalize());
                }
            }
        }
        return List.copyOf(out);
    }

    private static String stripGlob(String p) {
        String s = p;
        while (s.endsWith("/*") || s.endsWith("/.") || (s.endsWith("/") && s.length() > 1)) {
            s = s.substring(0, s.lastIndexOf('/'));
        }
        int star = s.indexOf('*');
        if (star >= 0) {
            int slash = s.lastIndexOf('/', star);
            s = slash < 0 ? "." : s.substring(0, slash);
        }
        return s.isEmpty() ? "." : s;
    }

    /** Arguments that are not options; a word with a shell variable makes the whole command unreadable. */
    private static List<String> operands(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (w.contains("$") || w.contains("`")) {
                return List.of();
            }
            if (!w.startsWith("-")) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The simple commands of a command line, each as its working directory followed by its words; {@code cd DIR}
     * moves the directory of the commands after it.
     */
    private static List<List<String>> simpleCommands(Packaging.Command c) {
        List<List<String>> out = new ArrayList<>();
        if (c.text().length() > MAX_COMMAND_CHARS) {
            return out;
        }
        Path cwd = c.workingDir();
        for (String part : c.text().replace("\\\n", " ").split("&&|\\|\\||;|\\n|\\|")) {
            List<String> words = words(part.strip());
            if (words.isEmpty()) {
                continue;
            }
            if (words.get(0).equals("cd")) {
                if (words.size() > 1 && !words.get(1).contains("$")) {
                    cwd = cwd.resolve(words.get(1)).normalize();
                }
                continue;
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(cwd.toString());
            cmd.addAll(words);
            out.add(cmd);
        }
        return out;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                any = true;
            } else if (Character.isWhitespace(ch)) {
                if (cur.length() > 0 || any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else if (ch == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i++;
            } else {
                cur.append(ch);
            }
        }
        if (cur.length() > 0 || any) {
            out.add(cur.toString());
        }
        return out;
    }
}
