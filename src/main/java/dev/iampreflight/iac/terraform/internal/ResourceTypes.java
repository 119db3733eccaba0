package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.SymbolicValue;

import java.util.Map;
import java.util.Optional;

/**
 * The computed attributes of the AWS provider resources whose values end up in policies and environment variables,
 * as ARN patterns built from the resource's own name argument (Terraform AWS provider docs, "Attribute Reference" of
 * each resource; ARN formats from the Service Authorization Reference). A name the configuration does not set
 * (name_prefix, or generated) is unknown.
 *
 * <p>Placeholders: {@code $P} partition, {@code $R} region, {@code $A} account, {@code $N} the name, {@code $H} the IAM
 * path (default "/").
 */
public final class ResourceTypes {

    /** The argument holding the name, and the computed attributes. */
    public record Spec(String nameArgument, Map<String, String> computed) {
    }

    private static final String U = SymbolicValue.UNKNOWN;

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("aws_dynamodb_table", new Spec("name", Map.of(
                    "arn", "arn:$P:dynamodb:$R:$A:table/$N",
                    "id", "$N",
                    "stream_arn", "arn:$P:dynamodb:$R:$A:table/$N/stream/" + U))),
            Map.entry("aws_s3_bucket", new Spec("bucket", Map.of(
                    "arn", "arn:$P:s3:::$N",
                    "id", "$N",
                    "bucket_domain_name", "$N.s3.amazonaws.com",
                    "bucket_regional_domain_name", "$N.s3.$R.amazonaws.com"))),
            Map.entry("aws_sqs_queue", new Spec("name", Map.of(
                    "arn", "arn:$P:sqs:$R:$A:$N",
                    "id", "https://sqs.$R.amazonaws.com/$A/$N",
                    "url", "https://sqs.$R.amazonaws.com/$A/$N"))),
            Map.entry("aws_sns_topic", new Spec("name", Map.of(
                    "arn", "arn:$P:sns:$R:$A:$N",
                    "id", "arn:$P:sns:$R:$A:$N"))),
            Map.entry("aws_kms_key", new Spec(null, Map.of(
                    "arn", "arn:$P:kms:$R:$A:key/" + U,
                    "id", U,
                    "key_id", U))),
            Map.entry("aws_kms_alias", new Spec("name", Map.of(
                    "arn", "arn:$P:kms:$R:$A:$N",
                    "id", "$N",
                    "target_key_arn", "arn:$P:kms:$R:$A:key/" + U))),
            Map.entry("aws_lambda_function", new Spec("function_name", Map.of(
                    "arn", "arn:$P:lambda:$R:$A:function:$N",
                    "id", "$N",
                    "qualified_arn", "arn:$P:lambda:$R:$A:function:$N:" + U,
                    "invoke_arn", U))),
            Map.entry("aws_iam_role", new Spec("name", Map.of(
                    "arn", "arn:$P:iam::$A:role$H$N",
                    "id", "$N",
                    "unique_id", U))),
            Map.entry("aws_iam_policy", new Spec("name", Map.of(
                    "arn", "arn:$P:iam::$A:policy$H$N",
                    "id", "arn:$P:iam::$A:policy$H$N",
                    "policy_id", U))),
            Map.entry("aws_iam_instance_profile", new Spec("name", Map.of(
                    "arn", "arn:$P:iam::$A:instance-profile$H$N",
                    "id", "$N"))),
            // Secrets Manager appends "-" and six random characters to the name in the secret's ARN.
            Map.entry("aws_secretsmanager_secret", new Spec("name", Map.of(
                    "arn", "arn:$P:secretsmanager:$R:$A:secret:$N-" + U,
                    "id", "arn:$P:secretsmanager:$R:$A:secret:$N-" + U))),
            Map.entry("aws_ssm_parameter", new Spec("name", Map.of(
                    "arn", "arn:$P:ssm:$R:$A:parameter$S",
                    "id", "$N"))),
            // A task definition's ARN ends with its revision, which each registration increments.
            Map.entry("aws_ecs_task_definition", new Spec("family", Map.of(
                    "arn", "arn:$P:ecs:$R:$A:task-definition/$N:" + U,
                    "arn_without_revision", "arn:$P:ecs:$R:$A:task-definition/$N"))),
            Map.entry("aws_sfn_state_machine", new Spec("name", Map.of(
                    "arn", "arn:$P:states:$R:$A:stateMachine:$N",
                    "id", "arn:$P:states:$R:$A:stateMachine:$N"))),
            Map.entry("aws_kinesis_stream", new Spec("name", Map.of(
                    "arn", "arn:$P:kinesis:$R:$A:stream/$N",
                    "id", "arn:$P:kinesis:$R:$A:stream/$N"))),
            Map.entry("aws_cloudwatch_event_bus", new Spec("name", Map.of(
                    "arn", "arn:$P:events:$R:$A:event-bus/$N",
                    "id", "$N"))),
            Map.entry("aws_cloudwatch_log_group", new Spec("name", Map.of(
                    "arn", "arn:$P:logs:$R:$A:log-group:$N",
                    "id", "$N"))),
            // The group's ARN carries a generated id: autoScalingGroup:${GroupId}:autoScalingGroupName/${GroupName}.
            Map.entry("aws_autoscaling_group", new Spec("name", Map.of(
                    "arn", "arn:$P:autoscaling:$R:$A:autoScalingGroup:" + U + ":autoScalingGroupName/$N",
                    "id", "$N"))),
            Map.entry("aws_ecr_repository", new Spec("name", Map.of(
                    "arn", "arn:$P:ecr:$R:$A:repository/$N",
                    // https://docs.aws.amazon.com/AmazonECR/latest/userguide/Repositories.html (repository URI)
                    "repository_url", "$A.dkr.ecr.$R.amazonaws.com/$N",
                    "id", "$N"))));

    private ResourceTypes() {
    }

    public static Optional<Spec> spec(String type) {
        return Optional.ofNullable(SPECS.get(type));
    }

    /**
     * Fills a format. {@code $S} is the SSM parameter name as it appears after "parameter" in its ARN: a name that
     * starts with "/" is used as is, another gets a "/" (SSM API reference, "Parameter ARNs").
     */
    public static String fill(String format, String partition, String region, String account, String name,
                              String path) {
        String ssm = name.startsWith("/") ? name : "/" + name;
        return format.replace("$P", partition).replace("$R", region).replace("$A", account).replace("$H", path)
                .replace("$S", ssm).replace("$N", name);
    }
}
