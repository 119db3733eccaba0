package dev.iampreflight.check;

import dev.iampreflight.config.DeclaredResourcePolicy;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.core.Finding;
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
final class DeclaredResourcePolicies {

    private DeclaredResourcePolicies() {
    }

    static List<ResourcePolicy> read(Path root, ProjectConfig config, List<Finding> findings) {
        List<ResourcePolicy> out = new ArrayList<>();
        Path base = config.file().map(f -> f.toAbsolutePath().getParent()).orElse(root);
        for (DeclaredResourcePolicy d : config.resourcePolicies()) {
            Path file = base.resolve(d.file()).normalize();
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
