package dev.iampreflight.rules;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.Node;

import java.util.List;
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
public record ProjectFacts(List<ApiDefinition> apis, List<AuthorizerRaise> authorizers) {

    public static final ProjectFacts EMPTY = new ProjectFacts(List.of(), List.of());

    public ProjectFacts {
        apis = List.copyOf(apis);
        authorizers = List.copyOf(authorizers);
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
