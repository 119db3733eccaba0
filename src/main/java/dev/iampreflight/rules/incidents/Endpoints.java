package dev.iampreflight.rules.incidents;

import dev.iampreflight.rules.ProjectFacts;
import dev.iampreflight.rules.ProjectFacts.Endpoint;
import dev.iampreflight.rules.ProjectFacts.PrivateFunction;
import dev.iampreflight.rules.ProjectFacts.ServiceCall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The VPC endpoint service name of the AWS services an SDK client names
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html). Only services whose
 * endpoint name is listed here are checked: an unlisted one is never reported.
 */
final class Endpoints {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("s3", "s3"), Map.entry("dynamodb", "dynamodb"), Map.entry("sqs", "sqs"),
            Map.entry("sns", "sns"), Map.entry("secretsmanager", "secretsmanager"), Map.entry("ssm", "ssm"),
            Map.entry("kms", "kms"), Map.entry("sts", "sts"), Map.entry("lambda", "lambda"),
            Map.entry("logs", "logs"), Map.entry("events", "events"), Map.entry("stepfunctions", "states"),
            Map.entry("kinesis", "kinesis-streams"), Map.entry("firehose", "kinesis-firehose"),
            Map.entry("cloudwatch", "monitoring"), Map.entry("ecr", "ecr.api"), Map.entry("athena", "athena"),
            Map.entry("glue", "glue"), Map.entry("rds-data", "rds-data"), Map.entry("bedrock-runtime",
                    "bedrock-runtime"), Map.entry("sagemaker-runtime", "sagemaker.runtime"),
            Map.entry("textract", "textract"), Map.entry("comprehend", "comprehend"),
            Map.entry("ecs", "ecs"), Map.entry("ec2", "ec2"), Map.entry("elasticache", "elasticache"),
            Map.entry("cognito-idp", "cognito-idp"), Map.entry("appconfigdata", "appconfigdata"));

    private Endpoints() {
    }

    /** The endpoint service name of an SDK service, when it is one this lint knows. */
    static Optional<String> serviceName(String sdkService) {
        return Optional.ofNullable(NAMES.get(sdkService));
    }

    /** The function's endpoint for an SDK service, when the VPC has one. */
    static Optional<Endpoint> of(PrivateFunction f, String endpointService) {
        return f.endpoints().stream().filter(e -> e.service().equals(endpointService)).findFirst();
    }

    /** A private function's call to a service through an interface endpoint of its VPC. */
    record Use(PrivateFunction function, ServiceCall call, Endpoint endpoint) {
    }

    /**
     * Each (function, interface endpoint) pair once, with the first call that goes through it, where the endpoint
     * is {@code broken}: the lints on an endpoint's configuration report one finding per function and endpoint.
     */
    static List<Use> interfaceUses(ProjectFacts facts, Predicate<Endpoint> broken) {
        List<Use> out = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (PrivateFunction f : facts.privateFunctions()) {
            for (ServiceCall c : f.calls()) {
                Optional<Endpoint> e = serviceName(c.service()).flatMap(n -> of(f, n));
                if (e.isPresent() && !e.get().gateway() && broken.test(e.get())
                        && seen.add(List.of(f.target(), e.get().at()))) {
                    out.add(new Use(f, c, e.get()));
                }
            }
        }
        return out;
    }
}
