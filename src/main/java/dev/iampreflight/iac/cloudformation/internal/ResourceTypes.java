package dev.iampreflight.iac.cloudformation.internal;

import dev.iampreflight.core.SymbolicValue;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code Ref} and {@code Fn::GetAtt} return for the resource types whose values end up in policies and
 * environment variables, as ARN patterns built from the resource's own name property. Facts from each type's
 * "Return values" section in the CloudFormation resource reference
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html) and the ARN
 * formats in the Service Authorization Reference. When the name property is absent, CloudFormation generates a name,
 * so the name is unknown ({@code {?}}).
 *
 * <p>Placeholders: {@code $P} partition, {@code $R} region, {@code $A} account, {@code $N} the name, {@code $H} the IAM
 * path (default "/").
 */
public final class ResourceTypes {

    /** How one resource type answers Ref and GetAtt. */
    public record Spec(String nameProperty, String ref, Map<String, String> attributes) {
    }

    private static final String U = SymbolicValue.UNKNOWN;

    private static final Spec TABLE = new Spec("TableName", "$N", Map.of(
            "Arn", "arn:$P:dynamodb:$R:$A:table/$N",
            "StreamArn", "arn:$P:dynamodb:$R:$A:table/$N/stream/" + U));
    private static final Spec FUNCTION = new Spec("FunctionName", "$N", Map.of(
            "Arn", "arn:$P:lambda:$R:$A:function:$N"));

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", TABLE),
            Map.entry("AWS::DynamoDB::GlobalTable", TABLE),
            Map.entry("AWS::Serverless::SimpleTable", new Spec("TableName", "$N", TABLE.attributes())),
            Map.entry("AWS::S3::Bucket", new Spec("BucketName", "$N", Map.of(
                    "Arn", "arn:$P:s3:::$N",
                    "DomainName", "$N.s3.amazonaws.com",
                    "RegionalDomainName", "$N.s3.$R.amazonaws.com"))),
            Map.entry("AWS::SQS::Queue", new Spec("QueueName", "https://sqs.$R.amazonaws.com/$A/$N", Map.of(
                    "Arn", "arn:$P:sqs:$R:$A:$N",
                    "QueueName", "$N",
                    "QueueUrl", "https://sqs.$R.amazonaws.com/$A/$N"))),
            Map.entry("AWS::SNS::Topic", new Spec("TopicName", "arn:$P:sns:$R:$A:$N", Map.of(
                    "TopicArn", "arn:$P:sns:$R:$A:$N",
                    "TopicName", "$N"))),
            Map.entry("AWS::KMS::Key", new Spec(null, U, Map.of(
                    "Arn", "arn:$P:kms:$R:$A:key/" + U,
                    "KeyId", U))),
            Map.entry("AWS::KMS::Alias", new Spec("AliasName", "$N", Map.of(
                    "Arn", "arn:$P:kms:$R:$A:$N"))),
            Map.entry("AWS::Lambda::Function", FUNCTION),
            Map.entry("AWS::Serverless::Function", FUNCTION),
            // Ref of a version is its qualified ARN (the version number is assigned at deploy); Ref of an alias is
            // the ARN qualified with the alias name. SamGenerated gives SAM's generated alias the property
            // SamQualifiedName ("<function name>:<alias>"); for a declared alias the name is left unknown.
            Map.entry("AWS::Lambda::Version", new Spec("FunctionName", "arn:$P:lambda:$R:$A:function:$N:" + U,
                    Map.of("Version", U))),
            Map.entry("AWS::Lambda::Alias", new Spec("SamQualifiedName", "arn:$P:lambda:$R:$A:function:$N",
                    Map.of())),
            Map.entry("AWS::ApiGateway::Stage", new Spec("StageName", "$N", Map.of())),
            Map.entry("AWS::ApiGatewayV2::Stage", new Spec("StageName", "$N", Map.of())),
            Map.entry("AWS::IAM::Role", new Spec("RoleName", "$N", Map.of(
                    "Arn", "arn:$P:iam::$A:role$H$N",
                    "RoleId", U))),
            Map.entry("AWS::IAM::ManagedPolicy", new Spec("ManagedPolicyName", "arn:$P:iam::$A:policy$H$N", Map.of(
                    "PolicyArn", "arn:$P:iam::$A:policy$H$N"))),
            Map.entry("AWS::IAM::InstanceProfile", new Spec("InstanceProfileName", "$N", Map.of(
                    "Arn", "arn:$P:iam::$A:instance-profile$H$N"))),
            // Secrets Manager appends a hyphen and six random characters to the secret's name in its ARN
            // (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html).
            Map.entry("AWS::SecretsManager::Secret", new Spec("Name", "arn:$P:secretsmanager:$R:$A:secret:$N-" + U,
                    Map.of("Id", "arn:$P:secretsmanager:$R:$A:secret:$N-" + U))),
            Map.entry("AWS::SSM::Parameter", new Spec("Name", "$N", Map.of(
                    "Type", U, "Value", U))),
            // Ref and TaskDefinitionArn: the ARN, ending with the revision each registration increments.
            Map.entry("AWS::ECS::TaskDefinition", new Spec("Family", "arn:$P:ecs:$R:$A:task-definition/$N:" + U,
                    Map.of("TaskDefinitionArn", "arn:$P:ecs:$R:$A:task-definition/$N:" + U))),
            Map.entry("AWS::StepFunctions::StateMachine", new Spec("StateMachineName",
                    "arn:$P:states:$R:$A:stateMachine:$N", Map.of(
                    "Arn", "arn:$P:states:$R:$A:stateMachine:$N",
                    "Name", "$N"))),
            Map.entry("AWS::Serverless::StateMachine", new Spec("Name",
                    "arn:$P:states:$R:$A:stateMachine:$N", Map.of(
                    "Arn", "arn:$P:states:$R:$A:stateMachine:$N",
                    "Name", "$N"))),
            Map.entry("AWS::Kinesis::Stream", new Spec("Name", "$N", Map.of(
                    "Arn", "arn:$P:kinesis:$R:$A:stream/$N"))),
            Map.entry("AWS::Events::EventBus", new Spec("Name", "$N", Map.of(
                    "Arn", "arn:$P:events:$R:$A:event-bus/$N",
                    "Name", "$N"))),
            Map.entry("AWS::Events::Rule", new Spec("Name", "$N", Map.of(
                    "Arn", "arn:$P:events:$R:$A:rule/$N"))),
            Map.entry("AWS::Logs::LogGroup", new Spec("LogGroupName", "$N", Map.of(
                    "Arn", "arn:$P:logs:$R:$A:log-group:$N:*"))),
            // RepositoryUri: ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME (AWS::ECR::Repository, Return values).
            Map.entry("AWS::ECR::Repository", new Spec("RepositoryName", "$N", Map.of(
                    "Arn", "arn:$P:ecr:$R:$A:repository/$N",
                    "RepositoryUri", "$A.dkr.ecr.$R.amazonaws.com/$N"))));

    private ResourceTypes() {
    }

    /**
     * Types whose Ref (and GetAtt Id) is an id CloudFormation assigns to the policy resource itself, never the name,
     * URL or ARN of the queue or topic it applies to ("Ref returns the queue policy ID"; GetAtt Id "the
     * provider-assigned unique ID": AWS::SQS::QueuePolicy and AWS::SNS::TopicPolicy in the CloudFormation resource
     * reference). Used where a queue or topic is meant, it names none.
     */
    private static final java.util.Set<String> OWN_ID = java.util.Set.of("AWS::SQS::QueuePolicy",
            "AWS::SNS::TopicPolicy");

    /** True when Ref of this type is the resource's own id (see {@link #OWN_ID}). */
    public static boolean refIsOwnId(String type) {
        return OWN_ID.contains(type);
    }

    /**
     * How the own id of {@code logicalId} is written in a value: text that no queue or topic name can be (names are
     * letters, digits, hyphens and underscores), so an ARN built from it matches nothing, as the deployed one does.
     */
    public static String ownId(String type, String logicalId) {
        return "(id of " + type + " " + logicalId + ")";
    }

    public static Optional<Spec> spec(String type) {
        return Optional.ofNullable(SPECS.get(type));
    }

    /** Fills a format's placeholders. */
    public static String fill(String format, String partition, String region, String account, String name,
                              String path) {
        return format.replace("$P", partition).replace("$R", region).replace("$A", account)
                .replace("$H", path).replace("$N", name);
    }

}
