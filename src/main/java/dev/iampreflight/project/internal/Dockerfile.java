package dev.iampreflight.project.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Lambda container image's Dockerfile says about the code it runs: the base image, which folders of the build
 * context are copied into the function's task root, and the handler ({@code CMD}). Only the instructions that matter
 * for that are read (Dockerfile reference: https://docs.docker.com/reference/dockerfile/); the AWS base images run
 * {@code CMD} as the handler from {@code LAMBDA_TASK_ROOT=/var/task}
 * (https://docs.aws.amazon.com/lambda/latest/dg/python-image.html).
 *
 * @param from      the image of the last {@code FROM} (the stage that is deployed), "" when none
 * @param codeDirs  folders of the build context (relative, '/'-separated; "" for the context itself) whose contents
 *                  become importable from the task root, in order
 * @param command   the first word of the last {@code CMD} (exec or shell form), e.g. {@code app.handler}
 */
public record Dockerfile(String from, List<String> codeDirs, Optional<String> command) {

    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(?:--\\S+\\s+)*(\\S+)");
    private static final Pattern WORKDIR = Pattern.compile("(?i)^WORKDIR\\s+(.+)$");
    private static final Pattern COPY = Pattern.compile("(?i)^(?:COPY|ADD)\\s+(.+)$");
    private static final Pattern CMD = Pattern.compile("(?i)^CMD\\s+(.+)$");
    private static final Pattern WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");

    /** True when the base image is a Python one (the AWS Lambda Python base image, or any image naming python). */
    public boolean pythonBase() {
        return from.toLowerCase(Locale.ROOT).contains("python");
    }

    /** Reads the lines of a Dockerfile; never throws. */
    public static Dockerfile parse(List<String> rawLines) {
        List<String> lines = logicalLines(rawLines);
        String from = "";
        String workdir = "/";
        List<String> dirs = new ArrayList<>();
        Optional<String> command = Optional.empty();
        for (String line : lines) {
            Matcher m;
            if ((m = FROM.matcher(line)).find()) {
                from = m.group(1);
                // A new stage: what earlier stages copied is not in the image that is deployed.
                dirs.clear();
                workdir = "/";
                command = Optional.empty();
            } else if ((m = WORKDIR.matcher(line)).find()) {
                String w = taskRoot(m.group(1).trim());
                workdir = w.startsWith("/") ? w : join(workdir, w);
            } else if ((m = COPY.matcher(line)).find()) {
                List<String> words = words(m.group(1));
                words.removeIf(w -> w.startsWith("--"));
                if (words.size() < 2) {
                    continue;
                }
                String dest = taskRoot(words.get(words.size() - 1));
                String absDest = dest.startsWith("/") ? dest : join(workdir, dest);
                for (String src : words.subList(0, words.size() - 1)) {
                    codeDir(src, absDest).ifPresent(d -> {
                        if (!dirs.contains(d)) {
                            dirs.add(d);
                        }
                    });
                }
            } else if ((m = CMD.matcher(line)).find()) {
                List<String> words = words(m.group(1).trim().replaceAll("^\\[|]$", "").replace(",", " "));
                command = words.isEmpty() ? Optional.empty() : Optional.of(words.get(0));
            }
        }
        return new Dockerfile(from, dirs, command);
    }

    /**
     * The context folder a COPY makes importable from the task root: {@code COPY src/ /var/task/} makes {@code src}'s
     * contents top-level ("src"); {@code COPY app/ /var/task/app/} or {@code COPY app.py /var/task/} keep the path,
     * so the context itself is the import root (""). Copies elsewhere (requirements into /tmp) and non-Python files
     * give nothing.
     */
    private static Optional<String> codeDir(String src, String absDest) {
        String s = src.replaceAll("^\\./", "").replaceAll("/+$", "");
        if (s.startsWith("/") || s.contains("..") || s.contains("$") || s.startsWith("http")) {
            return Optional.empty();
        }
        String dest = absDest.replaceAll("/+$", "");
        String root = "/var/task";
        if (!(dest.equals(root) || dest.startsWith(root + "/"))) {
            return Optional.empty();
        }
        String under = dest.equals(root) ? "" : dest.substring(root.length() + 1);
        boolean file = s.contains(".") && !s.endsWith("/") && s.substring(s.lastIndexOf('/') + 1).contains(".");
        if (file) {
            if (!s.endsWith(".py") && !s.contains("*")) {
                return Optional.empty(); // requirements.txt, a config file
            }
            int slash = s.lastIndexOf('/');
            return under.isEmpty() ? Optional.of(slash < 0 ? "" : s.substring(0, slash)) : Optional.of("");
        }
        if (s.isEmpty() || s.equals(".")) {
            return Optional.of("");
        }
        // COPY dir /var/task -> dir's contents at the root; COPY dir /var/task/dir -> the context is the root.
        if (under.isEmpty()) {
            return Optional.of(s);
        }
        if (s.endsWith(under)) {
            String parent = s.substring(0, s.length() - under.length()).replaceAll("/+$", "");
            return Optional.of(parent);
        }
        return Optional.of("");
    }

    private static String taskRoot(String path) {
        return path.replace("${LAMBDA_TASK_ROOT}", "/var/task").replace("$LAMBDA_TASK_ROOT", "/var/task")
                .replaceAll("^\"|\"$", "");
    }

    private static String join(String dir, String rel) {
        String r = rel.equals(".") || rel.equals("./") ? "" : rel.replaceAll("^\\./", "");
        if (r.isEmpty()) {
            return dir;
        }
        return (dir.endsWith("/") ? dir : dir + "/") + r;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    /** A Dockerfile's instructions, stripped, with line continuations joined and comment lines dropped. */
    public static List<String> logicalLines(List<String> raw) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String l : raw) {
            String t = l.strip();
            if (t.startsWith("#") && cur.length() == 0) {
                continue;
            }
            if (t.endsWith("\\")) {
                cur.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            cur.append(t);
            out.add(cur.toString().strip());
            cur.setLength(0);
        }
        if (cur.length() > 0) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
