package dev.iampreflight.check;

import dev.iampreflight.config.DeclaredResourcePolicy;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.policy.PolicyParser;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.report.Report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resource policies the config file declares for resources that live outside the project, typically a KMS key
 * policy in another account: without it a cross-account call can only be reported as "no resource policy allows it".
 */
public final class DeclaredResourcePolicies {

    private DeclaredResourcePolicies() {
    }

    /**
     * The declared policies. A file outside the project folder is read only when {@code allowOutside}: its contents
     * end up quoted in findings, so a configuration (perhaps from a pull request) must not make the tool read and
     * print any file of the machine.
     */
    public static List<ResourcePolicy> read(Path root, ProjectConfig config, boolean allowOutside, List<Finding> findings) {
        List<ResourcePolicy> out = new ArrayList<>();
        Path base = config.file().map(f -> f.toAbsolutePath().getParent()).orElse(root);
        Path project = root.toAbsolutePath().normalize();
        for (DeclaredResourcePolicy d : config.resourcePolicies()) {
            Path file;
            try {
                file = base.resolve(d.file()).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                findings.add(new Finding(ReservedRules.UNREADABLE, Severity.ERROR, "resource-policies file '"
                        + d.file() + "' is not a valid path", d.location()));
                continue;
            }
            if (!file.startsWith(project) && !allowOutside) {
                findings.add(new Finding(ReservedRules.UNREADABLE, Severity.WARNING, "resource-policies file '"
                        + d.file() + "' is outside the project folder, so it is not read (its contents would be "
                        + "quoted in findings); run with --allow-outside-files to read it", d.location()));
                continue;
            }
            String display = Report.relativize(root, file.toString());
            PolicyParser.Result r = PolicyParser.parseFile(file, display);
            findings.addAll(r.findings());
            r.document().ifPresent(doc -> out.add(new ResourcePolicy(d.resource(), kindOf(d.resource()),
                    display, doc, doc.location())));
        }
        return out;
    }

    /** The kind of resource an ARN names, from its service (arn:partition:SERVICE:...). */
    static ResourceKind kindOf(String arn) {
        String[] p = arn.split(":", 6);
        String service = p.length > 2 ? p[2] : "";
        return switch (service) {
            case "kms" -> ResourceKind.KMS_KEY;
            case "s3" -> ResourceKind.S3_BUCKET;
            case "sqs" -> ResourceKind.SQS_QUEUE;
            case "sns" -> ResourceKind.SNS_TOPIC;
            case "lambda" -> ResourceKind.LAMBDA_FUNCTION;
            case "secretsmanager" -> ResourceKind.SECRETS_MANAGER_SECRET;
            default -> ResourceKind.OTHER;
        };
    }
}
