package dev.iampreflight.iac.chalice.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code chalice deploy} / {@code chalice package} command lines a project's scripts run (Makefile, shell
 * scripts, Dockerfile, package.json scripts, CI workflows), because their flags change what is deployed: chalice's CLI
 * turns {@code --no-autogen-policy} into a user-provided {@code autogen_policy: false}, which outranks
 * {@code .chalice/config.json} ({@code chalice/cli/__init__.py} {@code deploy}, {@code chalice/config.py}
 * {@code _chain_lookup}); {@code --stage} names the stage; {@code chalice package --merge-template FILE} deep-merges
 * FILE into the generated template, lists replaced ({@code chalice/package.py} {@code TemplateMergePostProcessor}), so a
 * role's {@code Policies} there replace the generated ones. Only literal values are taken: {@code --stage $(STAGE)} is
 * a command for an unknown stage.
 */
public final class DeployScripts {

    /** One chalice command line: the file and line, the stage (empty: unknown or the default), and its flags. */
    public record Command(Path file, int line, String verb, Optional<String> stage, boolean stageGiven,
                          boolean noAutogenPolicy, Optional<String> mergeTemplate, Optional<Rewrite> rewrittenBy) {
        /** True when this command deploys {@code stage}: its literal stage, dev when none is given, any if unknown. */
        public boolean deploys(String s) {
            return stage.map(s::equals).orElse(stageGiven || s.equals("dev"));
        }
    }

    /**
     * A line of the same script that runs a program on what {@code chalice package} wrote (a Python or Node script,
     * jq, yq, sed) before it is deployed: the packaged template, and so the role, may not be the one chalice
     * generated.
     */
    public record Rewrite(int line, String text) {
    }

    /** A script line that renders a Chalice policy file from a template at deploy time (envsubst, sed, j2...). */
    public record Render(Path file, int line) {
    }

    /**
     * A script of the app's folder that zips {@code app.py} itself and uploads the archive (to S3, or straight into a
     * Lambda function): the app is packaged by hand and deployed by whatever runs that archive, not by
     * {@code chalice deploy}, so no role is made from chalice's generated policy.
     */
    public record HandPackaged(Path file, int zipLine, int uploadLine, String upload) {
    }

    private static final Pattern ZIP_APP = Pattern.compile("^\\s*(?:@|-)?\\s*zip\\b[^\\n]*\\s(?:\\./)?app\\.py(?:\\s|$)");
    private static final Pattern UPLOAD = Pattern.compile("\\baws\\s+(?:--[\\w-]+(?:[= ]\\S+)?\\s+)*(s3\\s+cp|s3api\\s+"
            + "put-object|lambda\\s+(?:update-function-code|create-function))\\b[^\\n;&|]*");

    private static final Pattern RENDER = Pattern.compile("\\b(envsubst|sed|j2|jinja2?|gomplate|mustache)\\b[^\\n]*>\\s*"
            + "['\"]?([^\\s'\";|&]+)");
    private static final long MAX_BYTES = 512 * 1024;
    private static final int MAX_FILES = 200;
    private static final Pattern COMMAND = Pattern.compile(
            // chalice's global options come before the command: chalice --project-dir api package out --stage=prod
            "\\bchalice((?:\\s+--[\\w-]+(?:[= ](?!deploy\\b|package\\b)[^\\s-]\\S*)?)*)\\s+(deploy|package)\\b"
                    + "([^\\n;&|`]*)");
    private static final Pattern STAGE = Pattern.compile("--stage(?:\\s+|=)(['\"]?)([^\\s'\"]+)\\1");
    /** {@code NAME = value} (make, also {@code :=}, {@code ?=}) or {@code NAME=value} (shell). */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^\\s*(?:export\\s+)?(\\w+)\\s*[:?]?=\\s*(.*)$");
    /** Programs that read a file and write another from it; the deploy tools and file utilities are not among them. */
    private static final Pattern REWRITER = Pattern.compile("^\\s*(?:@|-)?\\s*(?:python3?|node|jq|yq|sed|ruby|perl|"
            + "\\S+\\.(?:py|js|rb|pl))\\b");
    private static final Pattern MERGE = Pattern.compile("--merge-template(?:\\s+|=)(['\"]?)([^\\s'\"]+)\\1");

    private DeployScripts() {
    }

    /** The chalice commands in the scripts of {@code projectDir} and of its folders up to {@code root}. */
    public static List<Command> find(Path root, Path projectDir) {
        return read(root, projectDir).commands();
    }

    /** The commands, the policy renderings and the hand packaging found in the scripts. */
    public record Scripts(List<Command> commands, List<Render> renders, List<HandPackaged> handPackaged) {
    }

    /**
     * Like {@link #find}, plus the lines that render a policy file: a template tool whose output ({@code >}) is a
     * {@code policy*.json} path, or a variable that the same script sets to one under {@code .chalice/}.
     */
    public static Scripts read(Path root, Path projectDir) {
        List<Path> files = new ArrayList<>();
        Path stop = root.toAbsolutePath().normalize();
        Path dir = projectDir.toAbsolutePath().normalize();
        boolean first = true;
        while (dir != null && dir.startsWith(stop) && files.size() < MAX_FILES) {
            // The project's own folder and its script folders; above it only the files a CI system or a make run
            // starts from.
            collect(dir, first ? 2 : 1, files);
            for (String ci : List.of(".github/workflows", ".circleci")) {
                collect(dir.resolve(ci), 1, files);
            }
            if (dir.equals(stop)) {
                break;
            }
            dir = dir.getParent();
            first = false;
        }
        List<Command> out = new ArrayList<>();
        List<Render> renders = new ArrayList<>();
        List<HandPackaged> packaged = new ArrayList<>();
        Path own = projectDir.toAbsolutePath().normalize();
        for (Path f : files.stream().distinct().sorted().toList()) {
            String text;
            try {
                if (Files.size(f) > MAX_BYTES) {
                    continue;
                }
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            String[] lines = text.split("\r?\n", -1);
            Path folder = f.toAbsolutePath().normalize().getParent();
            if (folder != null && (folder.equals(own) || own.equals(folder.getParent()))) {
                handPackaged(f, lines).ifPresent(packaged::add);
            }
            for (int i = 0; i < lines.length; i++) {
                Matcher r = RENDER.matcher(lines[i]);
                if (lines[i].trim().startsWith("#") || !r.find()) {
                    continue;
                }
                String target = r.group(2);
                boolean policy = target.contains("policy") && target.contains(".json");
                Matcher v = Pattern.compile("^\\$\\{?(\\w+)\\}?$").matcher(target);
                if (!policy && v.matches()) {
                    Matcher a = Pattern.compile("(?m)^\\s*(?:export\\s+|local\\s+)?" + Pattern.quote(v.group(1))
                            + "\\s*=\\s*['\"]?([^'\"\\s]*)").matcher(text);
                    while (a.find() && !policy) {
                        policy = a.group(1).contains(".chalice/") && a.group(1).contains("policy");
                    }
                }
                if (policy) {
                    renders.add(new Render(f, i + 1));
                }
            }
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String t = line.trim();
                if (t.startsWith("#") || t.startsWith("//")) {
                    continue;
                }
                // A Makefile or shell line may continue with a backslash.
                StringBuilder joined = new StringBuilder(line);
                int k = i;
                while (joined.toString().trim().endsWith("\\") && k + 1 < lines.length) {
                    joined.setLength(joined.toString().trim().length() - 1);
                    joined.append(' ').append(lines[++k]);
                }
                Matcher m = COMMAND.matcher(joined);
                while (m.find()) {
                    String flags = m.group(3);
                    Matcher s = STAGE.matcher(flags);
                    boolean stageGiven = s.find();
                    Optional<String> stage = stageGiven && !s.group(2).matches(".*[$%{}()<>].*")
                            ? Optional.of(s.group(2)) : Optional.empty();
                    Matcher mt = MERGE.matcher(flags);
                    Optional<String> merge = mt.find() ? Optional.of(mt.group(2)) : Optional.empty();
                    Optional<Rewrite> rewrite = m.group(2).equals("package")
                            ? rewrite(text, lines, i, packageOutput(flags)) : Optional.empty();
                    out.add(new Command(f, i + 1, m.group(2), stage, stageGiven,
                            flags.matches("(?s).*--no-autogen-policy\\b.*"), merge, rewrite));
                }
            }
        }
        return new Scripts(out, renders, packaged);
    }

    /** A {@code zip ... app.py} line and a later line that uploads an archive, in one script of the app's folder. */
    private static Optional<HandPackaged> handPackaged(Path f, String[] lines) {
        int zip = -1;
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].trim();
            if (t.startsWith("#")) {
                continue;
            }
            if (zip < 0 && ZIP_APP.matcher(lines[i]).find()) {
                zip = i;
            }
            Matcher u = UPLOAD.matcher(lines[i]);
            if (zip >= 0 && i > zip && u.find()) {
                return Optional.of(new HandPackaged(f, zip + 1, i + 1, u.group().trim()));
            }
        }
        return Optional.empty();
    }

    /** The output folder of {@code chalice package [options] OUT [options]}: its first positional argument. */
    private static Optional<String> packageOutput(String flags) {
        String[] words = flags.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty()) {
                continue;
            }
            if (w.startsWith("-")) {
                // --stage prod, --merge-template f.json, --pkg-format terraform take a value; --stage=prod does not
                if (!w.contains("=") && !w.equals("--single-file") && i + 1 < words.length) {
                    i++;
                }
                continue;
            }
            return Optional.of(w);
        }
        return Optional.empty();
    }

    /**
     * The first other line of the script that runs a rewriting program on the package output: a line naming the
     * output, or a variable of the script whose value names it (transitively: SAM = $(OUT)/sam.json).
     */
    private static Optional<Rewrite> rewrite(String text, String[] lines, int commandLine, Optional<String> output) {
        if (output.isEmpty() || output.get().length() < 2) {
            return Optional.empty();
        }
        List<String> mentions = new ArrayList<>(List.of(output.get()));
        Matcher name = Pattern.compile("^\\$[({]?(\\w+)[)}]?$").matcher(output.get());
        if (name.matches()) {
            mentions.add(name.group(1));
        }
        java.util.Map<String, String> vars = new java.util.LinkedHashMap<>();
        Matcher a = ASSIGNMENT.matcher(text);
        while (a.find()) {
            vars.putIfAbsent(a.group(1), a.group(2));
        }
        // Bounded: each round adds at least one variable or stops.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (java.util.Map.Entry<String, String> v : vars.entrySet()) {
                if (!mentions.contains(v.getKey()) && mentions.stream().anyMatch(x -> mentionsName(v.getValue(), x))) {
                    mentions.add(v.getKey());
                    grew = true;
                }
            }
        }
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (i == commandLine || ASSIGNMENT.matcher(l).matches() || l.trim().startsWith("#")
                    || !REWRITER.matcher(l).find()) {
                continue;
            }
            if (mentions.stream().anyMatch(x -> mentionsName(l, x))) {
                return Optional.of(new Rewrite(i + 1, l.trim()));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code line} contains {@code what}: a variable name as $(X), ${X} or $X, or a literal path. */
    private static boolean mentionsName(String line, String what) {
        if (what.matches("\\w+")) {
            return Pattern.compile("\\$[({]?" + Pattern.quote(what) + "\\b").matcher(line).find();
        }
        return line.contains(what);
    }

    private static void collect(Path dir, int depth, List<Path> out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir, depth)) {
            s.filter(Files::isRegularFile).filter(DeployScripts::isScript).limit(MAX_FILES).forEach(out::add);
        } catch (IOException | RuntimeException e) {
            // An unreadable folder holds no script we can read; the config alone decides.
        }
    }

    static boolean isScript(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        String parent = String.valueOf(p.getParent() == null ? "" : p.getParent().getFileName());
        return n.equals("makefile") || n.equals("gnumakefile") || n.endsWith(".mk") || n.endsWith(".sh")
                || n.endsWith(".bash") || n.startsWith("dockerfile") || n.equals("package.json")
                || n.equals(".gitlab-ci.yml") || n.startsWith("buildspec") || n.equals("bitbucket-pipelines.yml")
                || n.equals(".travis.yml") || n.equals("justfile") || n.equals("taskfile.yml")
                || ((n.endsWith(".yml") || n.endsWith(".yaml"))
                && (parent.equals("workflows") || parent.equals(".circleci")));
    }
}
