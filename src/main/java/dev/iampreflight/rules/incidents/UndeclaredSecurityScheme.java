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
import dev.iampreflight.rules.ProjectFacts.Carrier;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleInfo(id = "IAM2702", name = "undeclared-security-scheme",
        summary = "A route's security names an authorizer the API definition does not declare",
        severity = Severity.ERROR, category = Category.INCIDENTS,
        help = "A security requirement (`security: [{name: []}]`, on an operation or the whole document) names a "
                + "security scheme, which API Gateway turns into an authorizer. The name must be declared where the "
                + "document's version reads schemes: `components.securitySchemes` for OpenAPI 3, "
                + "`securityDefinitions` for Swagger 2.0 "
                + "(https://spec.openapis.org/oas/v3.0.3#security-requirement-object, "
                + "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-"
                + "authorizer.html). A name declared nowhere gives the route no authorizer. A name declared under "
                + "the other version's key is IAM2701's finding, not this one's. For an inline SAM `DefinitionBody` "
                + "the names SAM adds from the Api's `Auth` (its `Authorizers`, `AWS_IAM`, `api_key`) and the "
                + "`securityDefinitions` SAM moves count as declared. When the schemes are computed (an intrinsic, a "
                + "Terraform expression) nothing is reported.")
public final class UndeclaredSecurityScheme extends LintRule {

    @Override
    public List<Finding> check(ProjectFacts facts, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (ApiDefinition api : facts.apis()) {
            if (!(api.document() instanceof ObjectNode doc)) {
                continue;
            }
            boolean v3 = OpenApi.openApi3(doc).isPresent();
            Optional<Set<String>> v3Names = OpenApi.names(doc, "components", "securitySchemes");
            Optional<Set<String>> v2Names = OpenApi.names(doc, "securityDefinitions");
            if (v3Names.isEmpty() || v2Names.isEmpty()) {
                continue;
            }
            Set<String> declared = new HashSet<>(api.addedSchemes());
            if (v3) {
                declared.addAll(v3Names.get());
                if (api.carrier() == Carrier.SAM_DEFINITION_BODY) {
                    declared.addAll(v2Names.get());
                }
            } else {
                declared.addAll(v2Names.get());
            }
            Set<String> otherKey = v3 ? v2Names.get() : Set.of();
            Set<String> reported = new HashSet<>();
            for (OpenApi.Requirement r : OpenApi.requirements(doc)) {
                if (declared.contains(r.scheme()) || otherKey.contains(r.scheme())
                        || !reported.add(r.operation() + "\n" + r.scheme())) {
                    continue;
                }
                String where = v3 ? "components.securitySchemes" : "securityDefinitions";
                out.add(new Finding(id(), info().severity(), r.operation() + " requires security scheme '"
                        + r.scheme() + "', which " + where + " does not declare (" + api.carrier().label()
                        + "): API Gateway creates no authorizer for it and the route is not protected; declare it"
                        + (declared.isEmpty() ? "" : " or use one of '" + String.join("', '",
                        declared.stream().sorted().toList()) + "'"),
                        api.at(r.at().keyLocation()),
                        List.of(new RelatedLocation(api.declaredAt(), "reaches API Gateway here"))));
            }
        }
        return out;
    }
}
