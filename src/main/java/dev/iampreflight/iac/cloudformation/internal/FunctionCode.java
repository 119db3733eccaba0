package dev.iampreflight.iac.cloudformation.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.InlineCode;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.internal.DisplayPaths;
import dev.iampreflight.project.internal.DockerIgnore;
import dev.iampreflight.project.internal.Dockerfile;
import dev.iampreflight.project.internal.Nodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The code a Lambda function of a template runs: its code folders (CodeUri / Code, the folders of the layers it uses,
 * or the folders a container image's Dockerfile copies), its handler, the Python source written inline, or why its
 * code cannot be scanned (another language, an image built elsewhere).
 *
 * @param codeRoots  folders relative to the project root
 * @param handler    {@code module.function}
 * @param notChecked why the code is not scanned
 * @param inline     inline Python source
 */
public record FunctionCode(List<String> codeRoots, Optional<String> handler, Optional<String> notChecked,
                           Optional<InlineCode> inline) {

    /** What the code is read with: where the template is, and how to resolve its values. */
    public record Context(Path root, Path file, String name, Template template, Intrinsics in,
                          List<Finding> findings) {

        Path dir() {
            return file.toAbsolutePath().getParent();
        }
    }

    /**
     * An {@code AWS::Serverless::Function} (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html)
     * or an {@code AWS::Lambda::Function} (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html).
     */
    public static FunctionCode of(Template.Resource r, Optional<ObjectNode> globals, boolean sam, Context c) {
        ObjectNode p = r.properties();
        Optional<String> handler = prop(p, globals, "Handler").map(c.in()::string);
        List<String> layers = layers(r, globals, c);
        String packageType = p.get("PackageType").map(c.in()::string).orElse("Zip");
        if (packageType.equals("Image")) {
            return image(r, p, c, layers);
        }
        Optional<String> runtime = prop(p, globals, "Runtime").map(c.in()::string)
                .filter(x -> !x.contains(SymbolicValue.UNKNOWN));
        architectures(p, globals, c);
        if (runtime.isPresent() && !runtime.get().toLowerCase(Locale.ROOT).startsWith("python")) {
            return new FunctionCode(List.of(), handler, Optional.of("its Runtime is " + runtime.get() + " ("
                    + language(runtime.get()) + "): only Python code is scanned, so the SDK calls it makes are not "
                    + "checked"), Optional.empty());
        }
        Optional<ObjectNode.Field> inline = sam ? p.field("InlineCode")
                : Nodes.object(p.get("Code")).flatMap(code -> code.field("ZipFile"));
        if (inline.isPresent()) {
            return new FunctionCode(layers, handler, Optional.empty(), inlineCode(inline.get(), c));
        }
        List<String> roots = new ArrayList<>();
        // A local path is what "sam build" and "aws cloudformation package" accept before they upload the code; a zip
        // or jar (chalice package output, a prebuilt artifact) is not code the scanner can read.
        Optional<Node> code = sam ? prop(p, globals, "CodeUri") : p.get("Code");
        if (code.isPresent()) {
            Optional<String> outside = localCode(code.get(), sam ? "CodeUri" : "Code", c, roots);
            if (outside.isPresent()) {
                return notChecked(outside.get());
            }
        }
        if (roots.isEmpty() && sam && code.isEmpty() && !layers.isEmpty()) {
            // No CodeUri: SAM packages the template's folder, which stays the function's own code beside its layers.
            roots.add(DisplayPaths.rel(c.root(), c.dir()));
        }
        if (!roots.isEmpty()) {
            // Code in S3 or a prebuilt zip keeps no roots, so that the handler is looked for beside the template.
            roots.addAll(layers);
        }
        return new FunctionCode(roots, handler, Optional.empty(), Optional.empty());
    }

    /**
     * Code taken from {@code s3://bucket/key}: when a script of the project zips its folder and uploads the archive
     * to exactly that object, the folder is the code (with a note saying which script said so); otherwise no root.
     */
    private static void uploaded(String bucket, String key, Node value, Context c, List<String> roots) {
        if (bucket.contains(SymbolicValue.UNKNOWN) || key.contains(SymbolicValue.UNKNOWN)) {
            return;
        }
        Path root = c.root().toAbsolutePath().normalize();
        dev.iampreflight.project.internal.UploadScripts.find(root, bucket, key,
                dev.iampreflight.project.SkippedDirectories.NAMES).ifPresent(u -> {
            String folder = DisplayPaths.rel(c.root(), u.folder());
            roots.add(folder);
            c.findings().add(new Finding(InfraRules.CFN_CODE_FROM_SCRIPT, Severity.NOTE, "the function's code is "
                    + "s3://" + bucket + "/" + key + ", which " + DisplayPaths.rel(c.root(), u.script())
                    + ":" + u.line() + " zips from '" + folder + "' and uploads; that folder is read as its code",
                    value.location()));
        });
    }

    /**
     * Adds the project folder a local {@code CodeUri}/{@code Code} names to {@code roots}. A value that names no
     * folder of the project is a located finding: outside the project (the file system's root, {@code ../x}) nothing
     * is read and the reason is returned (the target is then not checked); a missing folder, a file or a value of
     * the wrong type leaves no root, so the handler is looked for beside the template. Accepted forms:
     * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-codeuri
     */
    private static Optional<String> localCode(Node value, String key, Context c, List<String> roots) {
        Optional<Node> resolved = c.in().resolve(value);
        if (resolved.isPresent() && resolved.get() instanceof ObjectNode o) {
            // {S3Bucket, S3Key} (Code) or {Bucket, Key} (CodeUri): code uploaded elsewhere, perhaps by a script here.
            Optional<String> bucket = Nodes.string(o, "S3Bucket").or(() -> Nodes.string(o, "Bucket"));
            Optional<String> object = Nodes.string(o, "S3Key").or(() -> Nodes.string(o, "Key"));
            if (bucket.isPresent() && object.isPresent()) {
                uploaded(bucket.get(), object.get(), value, c, roots);
            }
            return Optional.empty();
        }
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> text = resolved.flatMap(Nodes::text).map(String::strip);
        if (text.isEmpty() || text.get().isEmpty()) {
            c.findings().add(new Finding(InfraRules.CFN_UNSUPPORTED, Severity.WARNING, key + " '"
                    + (text.isPresent() ? "" : Intrinsics.json(resolved.get())) + "' is not a folder, a .zip or an "
                    + "s3:// URI; the handler is looked for beside the template", value.location()));
            return Optional.empty();
        }
        String t = text.get();
        if (t.startsWith("s3://") && t.indexOf('/', 5) > 5) {
            uploaded(t.substring(5, t.indexOf('/', 5)), t.substring(t.indexOf('/', 5) + 1), value, c, roots);
            return Optional.empty();
        }
        if (t.contains(SymbolicValue.UNKNOWN) || t.startsWith("s3://") || t.endsWith(".zip") || t.endsWith(".jar")) {
            return Optional.empty();
        }
        Path root = c.root().toAbsolutePath().normalize();
        Path folder;
        try {
            folder = c.dir().resolve(t).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            folder = null;
        }
        if (folder != null && !folder.startsWith(root)) {
            String why = key + " '" + t + "' is outside the project folder, whose files are the only ones read";
            c.findings().add(new Finding(InfraRules.CFN_UNSUPPORTED, Severity.WARNING, why + ", so the function's code "
                    + "is not checked", value.location()));
            return Optional.of("its " + why);
        }
        if (folder != null && !Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Path fromRoot;
            try {
                fromRoot = root.resolve(t).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                fromRoot = null;
            }
            if (fromRoot != null && fromRoot.startsWith(root) && !fromRoot.equals(root)
                    && Files.exists(fromRoot, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // Not beside the template but there from the project's top: the project packages the template from
                // there (a copy or a generated template at the top), so that is the code it deploys.
                // `aws cloudformation package` resolves a relative path against the template's own folder
                // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-cli-package.html).
                c.findings().add(new Finding(InfraRules.CFN_UNSUPPORTED, Severity.NOTE, key + " '" + t + "' is not "
                        + "in the template's folder, where `aws cloudformation package` looks for it, but is at the "
                        + "project's top; that code is checked", value.location()));
                roots.add(DisplayPaths.rel(c.root(), fromRoot));
                return Optional.empty();
            }
            // A folder that is not there: sam build fails, so no code of the project is deployed. The root is kept,
            // so that the target gets the code-not-found note (TargetCode) instead of the handler's namesake
            // elsewhere in the repository.
            c.findings().add(new Finding(InfraRules.CFN_UNSUPPORTED, Severity.WARNING, key + " '" + t + "' names a "
                    + "folder that is not in the project (sam build would fail), so no code is charged to the "
                    + "function", value.location()));
            roots.add(DisplayPaths.rel(c.root(), folder));
            return Optional.empty();
        }
        if (folder == null || !Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            c.findings().add(new Finding(InfraRules.CFN_UNSUPPORTED, Severity.WARNING, key + " '" + t + "' is not a "
                    + "folder of the project (sam build needs a folder, a .zip or an s3:// URI); the handler is "
                    + "looked for beside the template", value.location()));
            return Optional.empty();
        }
        roots.add(DisplayPaths.rel(c.root(), folder));
        return Optional.empty();
    }

    private static Optional<Node> prop(ObjectNode props, Optional<ObjectNode> globals, String key) {
        return props.get(key).or(() -> globals.flatMap(g -> g.get(key)));
    }

    /** The language a Lambda runtime identifier names (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
    static String language(String runtime) {
        String r = runtime.toLowerCase(Locale.ROOT);
        if (r.startsWith("nodejs")) {
            return "Node.js";
        }
        if (r.startsWith("java")) {
            return "Java";
        }
        if (r.startsWith("dotnet")) {
            return ".NET";
        }
        if (r.startsWith("go")) {
            return "Go";
        }
        if (r.startsWith("ruby")) {
            return "Ruby";
        }
        if (r.startsWith("provided")) {
            return "an OS-only runtime for a compiled binary such as Go or Rust";
        }
        return "not a Python runtime";
    }

    /** Lambda accepts one architecture, x86_64 or arm64; anything else fails the deploy. */
    private static void architectures(ObjectNode p, Optional<ObjectNode> globals, Context c) {
        Optional<Node> arch = prop(p, globals, "Architectures");
        if (arch.isEmpty()) {
            return;
        }
        Optional<Node> resolved = c.in().resolve(arch.get());
        if (resolved.isEmpty() || !(resolved.get() instanceof ArrayNode a)) {
            return;
        }
        for (Node item : a.items()) {
            String v = Intrinsics.textOf(item);
            if (!v.contains(SymbolicValue.UNKNOWN) && !v.equals("x86_64") && !v.equals("arm64")) {
                c.findings().add(new Finding(InfraRules.CFN_UNSUPPORTED, Severity.WARNING, "Architectures value '"
                        + v + "' is not one Lambda accepts (x86_64 or arm64)", item.location()));
            }
        }
    }

    /**
     * Inline Python code (SAM InlineCode, CloudFormation Code.ZipFile). A YAML block scalar ({@code |}) keeps its
     * lines, so each call is located on its own template line; other forms are located at the property.
     */
    private static Optional<InlineCode> inlineCode(ObjectNode.Field property, Context c) {
        Node raw = property.value();
        Optional<Node> resolved = c.in().resolve(raw);
        if (resolved.isEmpty() || !(resolved.get() instanceof ScalarNode s) || s.isNull()) {
            return Optional.empty();
        }
        SourceLocation at = property.keyLocation();
        int firstLine = 0;
        int indent = 0;
        Optional<String> rawText = raw instanceof ScalarNode rs ? Optional.of(rs.text()) : Optional.empty();
        try {
            List<String> lines = Files.readAllLines(c.file(), StandardCharsets.UTF_8);
            // The YAML parser places a tagged block scalar (and its key) at the block's end: find the key line.
            int keyLine = Math.min(at.line(), lines.size());
            while (keyLine >= 1 && !lines.get(keyLine - 1).stripLeading().startsWith(property.key() + ":")) {
                keyLine--;
            }
            if (keyLine >= 1) {
                String line = lines.get(keyLine - 1);
                at = new SourceLocation(at.file(), keyLine, line.length() - line.stripLeading().length() + 1);
                String after = line.stripLeading().substring(property.key().length() + 1).trim();
                // A block kept line for line: plain, or a Fn::Sub whose values add no lines.
                boolean block = after.matches("(!Sub\\s+)?\\|[-+0-9]*");
                boolean sameLines = rawText.map(t -> t.split("\n", -1).length == s.text().split("\n", -1).length)
                        .orElse(false);
                if (block && sameLines) {
                    for (int i = keyLine; i < lines.size(); i++) {
                        if (!lines.get(i).isBlank()) {
                            firstLine = i + 1;
                            indent = lines.get(i).length() - lines.get(i).stripLeading().length();
                            break;
                        }
                    }
                    // The block's text starts at its first non-blank line (leading blank lines are kept as "\n").
                    firstLine -= (int) s.text().chars().takeWhile(ch -> ch == '\n').count();
                }
            }
        } catch (IOException | RuntimeException e) {
            firstLine = 0; // the template is not a file here (a test, chalice package output): locate at the key
        }
        return Optional.of(new InlineCode(s.text(), at, Math.max(firstLine, 0), indent));
    }

    /**
     * The folders of the layers in this template a function uses: a layer's code is importable from {@code /opt/python}
     * (https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths), so the
     * {@code python/} folder of its content when there is one, else the content folder (SAM's {@code BuildMethod:
     * python3.x} puts it there). Only an import root: what the handler does not import is never charged.
     */
    private static List<String> layers(Template.Resource r, Optional<ObjectNode> globals, Context c) {
        List<Node> refs = new ArrayList<>();
        // SAM merges list properties of Globals with the function's own: Globals first.
        globals.flatMap(g -> g.get("Layers")).flatMap(Nodes::array).ifPresent(a -> refs.addAll(a.items()));
        r.properties().get("Layers").flatMap(Nodes::array).ifPresent(a -> refs.addAll(a.items()));
        List<String> out = new ArrayList<>();
        for (Node ref : refs) {
            Optional<String> id = Intrinsics.intrinsic(ref).filter(f -> f.getKey().equals("Ref"))
                    .flatMap(f -> Nodes.text(f.getValue()));
            Optional<Template.Resource> layer = id.flatMap(c.in()::resource);
            if (layer.isEmpty()) {
                continue;
            }
            Optional<Node> content = switch (layer.get().type()) {
                case "AWS::Serverless::LayerVersion" -> layer.get().properties().get("ContentUri");
                case "AWS::Lambda::LayerVersion" -> layer.get().properties().get("Content");
                default -> Optional.empty();
            };
            Optional<String> path = content.flatMap(Nodes::text).filter(t -> !t.startsWith("s3://"))
                    .filter(t -> !t.endsWith(".zip"));
            if (path.isEmpty()) {
                continue;
            }
            Path dir = c.dir().resolve(path.get()).normalize();
            Path python = dir.resolve("python");
            String folder = DisplayPaths.rel(c.root(), Files.isDirectory(python) ? python : dir);
            if (!out.contains(folder)) {
                out.add(folder);
            }
        }
        return out;
    }

    /**
     * A container-image function: its code comes from the Dockerfile that SAM builds it with
     * ({@code Metadata: DockerContext, Dockerfile};
     * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build.html
     * "Building a container image"), its handler from {@code ImageConfig.Command}, else the Dockerfile's CMD.
     */
    private static FunctionCode image(Template.Resource r, ObjectNode p, Context c, List<String> layers) {
        Optional<ObjectNode> meta = Nodes.childObject(r.node(), "Metadata");
        Optional<String> context = meta.flatMap(m -> Nodes.string(m, "DockerContext"));
        String image = p.get("ImageUri").or(() -> Nodes.object(p.get("Code")).flatMap(o -> o.get("ImageUri")))
                .map(c.in()::string).orElse(SymbolicValue.UNKNOWN);
        if (context.isEmpty()) {
            return notChecked("it runs the container image '" + image + "', which is built outside this template "
                    + "(no Metadata.DockerContext), so the code in it is not known");
        }
        Path dir = c.dir().resolve(context.get()).normalize();
        String dockerfile = meta.flatMap(m -> Nodes.string(m, "Dockerfile")).orElse("Dockerfile");
        Path df = dir.resolve(dockerfile).normalize();
        String shown = DisplayPaths.rel(c.root(), df);
        Optional<Dockerfile> read = Files.isRegularFile(df) ? Dockerfile.read(df) : Optional.empty();
        if (read.isEmpty()) {
            return notChecked("its container image is built from '" + shown + "', which cannot be read, so the "
                    + "code in the image is not known");
        }
        Dockerfile d = read.get();
        if (!d.from().isEmpty() && !d.pythonBase() && isLambdaBase(d.from())) {
            return notChecked("its container image is built from '" + shown + "' on '" + d.from() + "', not a "
                    + "Python image: only Python code is scanned, so the SDK calls it makes are not checked");
        }
        Optional<String> handler = Nodes.childObject(p, "ImageConfig").flatMap(ic -> ic.get("Command"))
                .flatMap(Nodes::array).filter(a -> !a.items().isEmpty()).map(a -> c.in().string(a.items().get(0)))
                .or(d::command).filter(h -> h.matches("[A-Za-z_][\\w.]*\\.[A-Za-z_]\\w*"));
        List<String> roots = new ArrayList<>();
        // What .dockerignore leaves out of the build context (tests/) is not in the image.
        DockerIgnore ignore = DockerIgnore.read(dir);
        for (String sub : d.codeDirs().isEmpty() ? List.of("") : d.codeDirs()) {
            Path folder = sub.isEmpty() ? dir : dir.resolve(sub).normalize();
            if (folder.startsWith(dir) && Files.isDirectory(folder)) {
                ignore.kept(dir, folder).forEach(k -> roots.add(DisplayPaths.rel(c.root(), k)));
            }
        }
        if (roots.isEmpty()) {
            roots.add(DisplayPaths.rel(c.root(), dir));
        }
        roots.addAll(layers);
        return new FunctionCode(roots, handler, Optional.empty(), Optional.empty());
    }

    /** An AWS Lambda base image names its language (public.ecr.aws/lambda/nodejs:20, amazon/aws-lambda-java). */
    private static boolean isLambdaBase(String from) {
        String f = from.toLowerCase(Locale.ROOT);
        return f.contains("lambda/") || f.contains("aws-lambda-") || f.startsWith("node") || f.contains("/node")
                || f.startsWith("golang") || f.startsWith("openjdk") || f.contains("dotnet");
    }

    private static FunctionCode notChecked(String why) {
        return new FunctionCode(List.of(), Optional.empty(), Optional.of(why), Optional.empty());
    }
}
