package dev.iampreflight.rules;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.InputFiles;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.PolicyKind;
import dev.iampreflight.policy.PolicyParser;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.DeclaredRole;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.Project;
import dev.iampreflight.discovery.ProjectDiscovery;
import dev.iampreflight.project.SkippedDirectories;
import dev.iampreflight.project.ProjectOptions;
import dev.iampreflight.project.ResourcePolicy;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the policy documents a lint run looks at: those the deploy-file readers find (Chalice policy files,
 * CloudFormation/SAM, Serverless and Terraform roles, policies and resource policies, through
 * {@link ProjectDiscovery}) and standalone policy JSON files (a top-level object with a {@code Statement}).
 * AWS managed policies and SAM policy templates are AWS's text, not the project's, and are not linted.
 * A document found twice (a Chalice policy file is both) is linted once, as the readers saw it.
 */
public final class PolicySources {

    /** A standalone JSON file larger than this is not a policy (the largest IAM quota is 10,240 characters). */
    static final long MAX_STANDALONE_BYTES = 1024L * 1024;

    /** Quotas from https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (no white space). */
    static final LintedPolicy.SizeLimit MANAGED = new LintedPolicy.SizeLimit("a managed policy", 6144);
    static final LintedPolicy.SizeLimit INLINE_ROLE = new LintedPolicy.SizeLimit("the inline policies of a role",
            10240);
    static final LintedPolicy.SizeLimit TRUST = new LintedPolicy.SizeLimit("a role trust policy", 4096);

    /**
     * What was found, with the located problems of reading it. The documents' file names are relative to their
     * group's {@code base} (the directory a reader started from); the findings' to the run's root.
     */
    public record Found(List<Group> groups, List<Finding> findings, Map<Path, Project> projects) {
        public Found {
            groups = List.copyOf(groups);
            findings = List.copyOf(findings);
            projects = Map.copyOf(projects);
        }

        public int policyCount() {
            return groups.stream().mapToInt(g -> g.policies().size()).sum();
        }
    }

    /** Policies whose file names are relative to {@code base}. */
    public record Group(Path base, List<LintedPolicy> policies) {
        public Group {
            policies = List.copyOf(policies);
        }
    }

    private final Path root;
    private final ProjectOptions options;
    private final List<Group> groups = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Path, Project> projects = new HashMap<>();
    /** Absolute file, line and column of every document already taken. */
    private final Set<List<Object>> seen = new HashSet<>();

    private PolicySources(Path root, ProjectOptions options) {
        this.root = root;
        this.options = options;
    }

    /** The policies in {@code paths} (files or directories); names in the result are relative to {@code root}. */
    public static Found find(Path root, List<Path> paths, ProjectOptions options) {
        PolicySources s = new PolicySources(root.toAbsolutePath().normalize(), options);
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            List<LintedPolicy> one = new ArrayList<>();
            if (Files.isDirectory(abs)) {
                s.project(abs, Optional.empty());
                s.standalone(abs);
            } else if (Files.isRegularFile(abs) && s.standaloneFile(s.root, abs, one)) {
                s.groups.add(new Group(s.root, one));
            } else if (abs.getParent() != null) {
                s.project(abs.getParent(), Optional.of(abs));
            }
        }
        return new Found(s.groups, s.findings, s.projects);
    }

    private void project(Path dir, Optional<Path> only) {
        Project p = ProjectDiscovery.discover(dir, options);
        projects.put(dir, p);
        for (Finding f : p.findings()) {
            Finding r = rebase(f, dir);
            if (only.isEmpty() || r.location().file().isEmpty()
                    || root.resolve(r.location().file()).normalize().equals(only.get())) {
                findings.add(r);
            }
        }
        List<LintedPolicy> kept = new ArrayList<>();
        for (LintedPolicy lp : declared(p)) {
            SourceLocation l = lp.document().location();
            if (l.file().isEmpty() || only.isPresent() && !dir.resolve(l.file()).normalize().equals(only.get())) {
                continue;
            }
            if (firstTime(dir, l)) {
                kept.add(lp);
            }
        }
        groups.add(new Group(dir, kept));
    }

    /**
     * The policies a discovered project declares (identity policies of its targets and roles, trust policies,
     * resource policies), each once: the policies {@code check} reads, linted by it too. File names as the
     * project's.
     */
    public static List<LintedPolicy> policiesOf(Project p) {
        Set<List<Object>> once = new HashSet<>();
        List<LintedPolicy> out = new ArrayList<>();
        for (LintedPolicy lp : declared(p)) {
            SourceLocation l = lp.document().location();
            if (!l.file().isEmpty() && once.add(List.of(l.file(), l.line(), l.column()))) {
                out.add(lp);
            }
        }
        return out;
    }

    private static List<LintedPolicy> declared(Project p) {
        List<LintedPolicy> found = new ArrayList<>();
        for (DeployTarget t : p.targets()) {
            for (AttachedPolicy a : t.identityPolicies()) {
                identity(a).ifPresent(found::add);
            }
        }
        for (DeclaredRole role : p.roles()) {
            for (AttachedPolicy a : role.identityPolicies()) {
                identity(a).ifPresent(found::add);
            }
            role.trustPolicy().ifPresent(d -> found.add(new LintedPolicy(d, PolicyKind.TRUST, Optional.of(TRUST))));
        }
        for (ResourcePolicy rp : p.resourcePolicies().all()) {
            found.add(new LintedPolicy(rp.document(), PolicyKind.RESOURCE));
        }
        return found;
    }

    private boolean firstTime(Path base, SourceLocation l) {
        return seen.add(List.of(base.resolve(l.file()).normalize(), l.line(), l.column()));
    }

    private static Optional<LintedPolicy> identity(AttachedPolicy a) {
        if (a.document().isEmpty()) {
            return Optional.empty();
        }
        return switch (a.origin()) {
            case INLINE -> Optional.of(new LintedPolicy(a.document().get(), PolicyKind.IDENTITY,
                    Optional.of(INLINE_ROLE)));
            case CUSTOMER_MANAGED -> Optional.of(new LintedPolicy(a.document().get(), PolicyKind.IDENTITY,
                    Optional.of(MANAGED)));
            default -> Optional.empty();
        };
    }

    private void standalone(Path dir) {
        List<LintedPolicy> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    Path name = d.getFileName();
                    return !d.equals(dir) && name != null
                            && SkippedDirectories.NAMES.contains(name.toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        standaloneFile(dir, file, found);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Discovery of the same directory has reported what could not be read.
        }
        groups.add(new Group(dir, found));
    }

    /**
     * A .json file (up to {@link #MAX_STANDALONE_BYTES}, valid UTF-8) whose text names a Statement, read once: a cheap
     * look at the text, then decided by its content when parsed. False when the file is not such a candidate.
     */
    private boolean standaloneFile(Path base, Path file, List<LintedPolicy> into) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".json")) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InputFiles.readBytes(file, MAX_STANDALONE_BYTES);
            if (!InputFiles.utf8(bytes).contains("\"Statement\"")) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        String display = base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        TreeReader.Result tree = TreeReader.parse(bytes, display, TreeReader.Format.JSON);
        if (tree.root().isEmpty()) {
            for (Finding f : tree.findings()) {
                findings.add(rebase(f, base));
            }
            return true;
        }
        Node top = tree.root().get();
        // A template or plan that mentions "Statement" somewhere is the readers' business, not a policy.
        if (!(top instanceof ObjectNode obj) || obj.field("Statement").isEmpty()) {
            return true;
        }
        if (isStackPolicy(obj)) {
            return true;
        }
        PolicyParser.Result r = PolicyParser.parse(top, display);
        if (r.document().isPresent() && !firstTime(base, r.document().get().location())) {
            return true;
        }
        for (Finding f : tree.findings()) {
            findings.add(rebase(f, base));
        }
        for (Finding f : r.findings()) {
            findings.add(rebase(f, base));
        }
        r.document().ifPresent(d -> into.add(new LintedPolicy(d, kindOf(d))));
        return true;
    }

    /**
     * A CloudFormation stack policy (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/protect-stack-resources.html)
     * has the grammar of an IAM policy but its own actions (Update:Modify, Update:Replace, Update:*): not linted.
     */
    static boolean isStackPolicy(ObjectNode policy) {
        List<Node> statements = new ArrayList<>();
        policy.get("Statement").ifPresent(n -> {
            if (n instanceof ArrayNode a) {
                statements.addAll(a.items());
            } else {
                statements.add(n);
            }
        });
        for (Node st : statements) {
            if (st instanceof ObjectNode o) {
                Optional<Node> action = o.get("Action").or(() -> o.get("NotAction"));
                List<Node> values = action.map(a -> a instanceof ArrayNode arr ? arr.items() : List.of(a))
                        .orElse(List.of());
                for (Node v : values) {
                    if (v instanceof ScalarNode sc && sc.text().startsWith("Update:")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A standalone document's kind from its statements: none with a Principal is an identity policy; all with one
     * are a trust policy when every action is an sts:AssumeRole* one, else a resource policy.
     */
    static PolicyKind kindOf(PolicyDocument d) {
        long withPrincipal = d.statements().stream().filter(s -> s.principal().isPresent()).count();
        if (withPrincipal == 0) {
            return PolicyKind.IDENTITY;
        }
        if (withPrincipal < d.statements().size()) {
            return PolicyKind.UNKNOWN;
        }
        for (Statement s : d.statements()) {
            if (s.actions().negated()) {
                return PolicyKind.RESOURCE;
            }
            for (String a : s.actions().strings()) {
                if (!a.toLowerCase(Locale.ROOT).startsWith("sts:assumerole")) {
                    return PolicyKind.RESOURCE;
                }
            }
        }
        return PolicyKind.TRUST;
    }

    private static String display(Path file, Path root) {
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
    }

    private static SourceLocation rebase(SourceLocation l, Path dir, Path root) {
        if (l.file().isEmpty() || Path.of(l.file()).isAbsolute()) {
            return l;
        }
        return new SourceLocation(display(dir.resolve(l.file()), root), l.line(), l.column());
    }

    private Finding rebase(Finding f, Path dir) {
        return rebase(f, dir, root);
    }

    /** {@code f} with its file names relative to {@code root} instead of {@code dir}. */
    static Finding rebase(Finding f, Path dir, Path root) {
        if (dir.equals(root)) {
            return f;
        }
        List<RelatedLocation> related = new ArrayList<>();
        for (RelatedLocation r : f.related()) {
            related.add(new RelatedLocation(rebase(r.location(), dir, root), r.message()));
        }
        return new Finding(f.ruleId(), f.severity(), f.message(), rebase(f.location(), dir, root), related, f.target(),
                f.action(), f.resource(), f.fix());
    }
}
