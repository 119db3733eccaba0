package dev.iampreflight.rules;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.policy.PolicyDocument;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the incident lints look at in a directory, beyond its policies: the API Gateway definitions its deploy files
 * hand to API Gateway and the authorizers of its Chalice apps. Built by {@code rules.internal.FactsReader}; file
 * names are relative to the directory read.
 *
 * @param apis        every OpenAPI/Swagger document that reaches an API Gateway REST API, with how it gets there
 * @param authorizers every error a Chalice built-in authorizer raises, with the routes it protects
 */
public record ProjectFacts(List<ApiDefinition> apis, List<AuthorizerRaise> authorizers,
                           List<PrivateFunction> privateFunctions, List<KeyUse> keyUses) {

    public static final ProjectFacts EMPTY = new ProjectFacts(List.of(), List.of(), List.of(), List.of());

    public ProjectFacts {
        apis = List.copyOf(apis);
        authorizers = List.copyOf(authorizers);
        privateFunctions = List.copyOf(privateFunctions);
        keyUses = List.copyOf(keyUses);
    }

    /**
     * A resource encrypted with a KMS key of another account than the project's functions, whose key policy is
     * known (declared in the project or in the config file's {@code resource-policies}).
     *
     * @param resource  the resource's name ({@code aws_sqs_queue.orders})
     * @param usedAt    where it names the key
     * @param keyArn    the key's ARN
     * @param keyPolicy the key policy
     * @param policyAt  where the key policy is
     * @param users     deploy target name to its account, for the targets in accounts other than the key's
     */
    public record KeyUse(String resource, SourceLocation usedAt, String keyArn, PolicyDocument keyPolicy,
                         SourceLocation policyAt, Map<String, String> users) {
        public KeyUse {
            users = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(users));
        }
    }

    /**
     * A Lambda function attached to VPC subnets none of which has a default route to a NAT gateway or another
     * target that reaches AWS's public endpoints (a subnet whose only default route is an internet gateway counts:
     * a function's network interfaces have no public IP). Only functions whose subnets, route tables and the VPC's
     * endpoints are all known are listed.
     *
     * @param target    the deploy target name
     * @param at        the function's VPC configuration
     * @param endpoints the VPC endpoints declared beside it
     * @param calls     the AWS services its code calls (boto3 client names) with the first call site of each
     */
    public record PrivateFunction(String target, SourceLocation at, List<Endpoint> endpoints,
                                  List<ServiceCall> calls) {
        public PrivateFunction {
            endpoints = List.copyOf(endpoints);
            calls = List.copyOf(calls);
        }
    }

    /**
     * A VPC endpoint.
     *
     * @param service    its service name after {@code com.amazonaws.<region>.} ({@code secretsmanager}, {@code s3})
     * @param gateway    a Gateway endpoint (S3, DynamoDB: routes in route tables) rather than an Interface one
     * @param privateDns whether private DNS is enabled (Interface endpoints); empty when unknown
     * @param admits443  whether its security groups admit TCP 443 from the function's security groups or subnets;
     *                   empty when unknown (or not applicable: a Gateway endpoint)
     */
    public record Endpoint(String service, boolean gateway, SourceLocation at, Optional<Boolean> privateDns,
                           Optional<Boolean> admits443) {
    }

    /** A service a function's code calls, with the first call site. */
    public record ServiceCall(String service, SourceLocation at) {
    }

    /** How a definition reaches API Gateway. */
    public enum Carrier {
        CFN_BODY("the Body of an AWS::ApiGateway::RestApi", true),
        SAM_DEFINITION_URI("a file named by the DefinitionUri of an AWS::Serverless::Api", true),
        SAM_DEFINITION_BODY("the inline DefinitionBody of an AWS::Serverless::Api", false),
        TERRAFORM_BODY("the body of a Terraform aws_api_gateway_rest_api", true),
        STANDALONE("a standalone OpenAPI file with API Gateway extensions", true);

        private final String label;
        private final boolean asWritten;

        Carrier(String label, boolean asWritten) {
            this.label = label;
            this.asWritten = asWritten;
        }

        public String label() {
            return label;
        }

        /**
         * Whether API Gateway imports the document as written. SAM's transform rewrites an inline DefinitionBody
         * (it moves securityDefinitions under components.securitySchemes for OpenAPI 3) but uploads a DefinitionUri
         * file untouched.
         */
        public boolean asWritten() {
            return asWritten;
        }
    }

    /**
     * One API definition.
     *
     * @param document     the OpenAPI/Swagger document (unknown parts are tagged scalars)
     * @param carrier      how it reaches API Gateway
     * @param declaredAt   the resource or file that carries it
     * @param textAt       when the document was read from a string (Terraform {@code body = "..."}), where that
     *                     string is: findings point there, the document's own locations are inside the string
     * @param addedSchemes security scheme names the carrier adds to the document (SAM's {@code Auth.Authorizers})
     */
    public record ApiDefinition(Node document, Carrier carrier, SourceLocation declaredAt,
                                Optional<SourceLocation> textAt, Set<String> addedSchemes) {
        public ApiDefinition {
            addedSchemes = Set.copyOf(addedSchemes);
        }

        /** Where to report something written at {@code at} inside the document. */
        public SourceLocation at(SourceLocation at) {
            return textAt.orElse(at);
        }
    }

    /**
     * A {@code raise} in a Chalice built-in authorizer.
     *
     * @param raisedAt     the raise statement
     * @param error        the exception's name as written ({@code ForbiddenError}, {@code chalice.ForbiddenError})
     * @param authorizer   the authorizer's Python function name
     * @param authorizerAt its {@code @app.authorizer} decorator
     * @param routes       the route decorators that name it with {@code authorizer=}
     */
    public record AuthorizerRaise(SourceLocation raisedAt, String error, String authorizer,
                                  SourceLocation authorizerAt, List<SourceLocation> routes) {
        public AuthorizerRaise {
            routes = List.copyOf(routes);
        }
    }
}
