package dev.iampreflight.rules.incidents;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.ProjectFacts;
import dev.iampreflight.rules.ProjectFacts.Endpoint;
import dev.iampreflight.rules.ProjectFacts.PrivateFunction;
import dev.iampreflight.rules.ProjectFacts.ServiceCall;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(id = "IAM2706", name = "endpoint-security-group-blocks-https",
        summary = "A private function's interface endpoint does not admit HTTPS from the function",
        severity = Severity.ERROR, category = Category.INCIDENTS,
        help = "An interface VPC endpoint accepts only the traffic its security groups admit; the SDK talks HTTPS, "
                + "TCP 443 (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html"
                + "#create-interface-endpoint-aws). When no ingress rule of the endpoint's security groups admits "
                + "TCP 443 from the function's security groups (or from an address range), a function with no NAT "
                + "route cannot reach the service: its calls time out. A rule written with a computed port, "
                + "protocol or source counts as admitting; a security group that is not declared beside the "
                + "endpoint leaves it unreported.")
public final class EndpointSecurityGroupBlocks extends LintRule {

    @Override
    public List<Finding> check(ProjectFacts facts, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Endpoints.Use u : Endpoints.interfaceUses(facts, e -> e.admits443().equals(Optional.of(false)))) {
            PrivateFunction f = u.function();
            ServiceCall c = u.call();
            Endpoint e = u.endpoint();
            out.add(new Finding(id(), info().severity(), "the security groups of the " + e.service()
                    + " endpoint admit no TCP 443 from " + f.target() + ", which has no NAT route: its "
                    + c.service() + " calls time out; add an ingress rule for TCP 443 from the function's "
                    + "security group", e.at(),
                    List.of(new RelatedLocation(f.at(), f.target() + "'s VPC configuration"),
                            new RelatedLocation(c.at(), "the function calls " + c.service() + " here"))));
        }
        return out;
    }
}
