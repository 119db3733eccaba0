package dev.iampreflight.rules.incidents;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.ProjectFacts;
import dev.iampreflight.rules.ProjectFacts.ApiDefinition;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(id = "IAM2701", name = "openapi3-security-definitions",
        summary = "An OpenAPI 3 definition declares its authorizers under the Swagger 2 key securityDefinitions",
        severity = Severity.ERROR, category = Category.INCIDENTS,
        help = "API Gateway reads an OpenAPI 3 definition's authorizers from `components.securitySchemes` "
                + "(https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-"
                + "authorizer.html). `securityDefinitions` is the Swagger 2.0 key: in an `openapi: 3.x` document "
                + "API Gateway ignores it, so the authorizers are not created and the routes that name them are "
                + "imported without authorization. The lint looks where the document reaches API Gateway as written: "
                + "the `Body` of an `AWS::ApiGateway::RestApi` (also through `AWS::Include`), a file named by a SAM "
                + "`DefinitionUri`, the `body` of a Terraform `aws_api_gateway_rest_api` (`jsonencode`, `file`, "
                + "`templatefile`, a local or `template_file`, the JSON string `chalice package --pkg-format "
                + "terraform` writes), and a standalone OpenAPI file with `x-amazon-apigateway-` extensions. It "
                + "does not flag an inline SAM `DefinitionBody`: SAM's transform moves `securityDefinitions` under "
                + "`components.securitySchemes` for OpenAPI 3 bodies (`_openapi_postprocess` in "
                + "https://github.com/aws/serverless-application-model/blob/develop/samtranslator/model/api/"
                + "api_generator.py), while a `DefinitionUri` file becomes `BodyS3Location` untouched. Fix: move "
                + "the schemes under `components.securitySchemes`.")
public final class OpenApi3SecurityDefinitions extends LintRule {

    @Override
    public List<Finding> check(ProjectFacts facts, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (ApiDefinition api : facts.apis()) {
            if (!api.carrier().asWritten() || !(api.document() instanceof ObjectNode doc)) {
                continue;
            }
            Optional<String> version = OpenApi.openApi3(doc);
            Optional<ObjectNode.Field> defs = doc.field("securityDefinitions");
            if (version.isEmpty() || defs.isEmpty()) {
                continue;
            }
            List<String> names = defs.get().value() instanceof ObjectNode o ? o.keys() : List.of();
            String schemes = names.isEmpty() ? "" : " for '" + String.join("', '", names) + "'";
            out.add(new Finding(id(), info().severity(), "'securityDefinitions' in an OpenAPI " + version.get()
                    + " definition (" + api.carrier().label() + "): API Gateway reads authorizers from "
                    + "components.securitySchemes and ignores this key, so it creates no authorizer" + schemes
                    + " and the routes that name one are not protected; move the schemes under "
                    + "components.securitySchemes",
                    api.at(defs.get().keyLocation()),
                    List.of(new RelatedLocation(api.declaredAt(), "reaches API Gateway here"))));
        }
        return out;
    }
}
