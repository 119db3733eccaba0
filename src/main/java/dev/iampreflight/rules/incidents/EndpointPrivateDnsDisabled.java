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

@RuleInfo(id = "IAM2705", name = "endpoint-private-dns-disabled",
        summary = "A private function's interface endpoint has private DNS disabled, so the SDK does not use it",
        severity = Severity.ERROR, category = Category.INCIDENTS,
        help = "The AWS SDK calls a service at its public name (`secretsmanager.us-east-1.amazonaws.com`). An "
                + "interface VPC endpoint answers that name inside the VPC only when private DNS is enabled; "
                + "otherwise the name still resolves to public addresses "
                + "(https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html"
                + "#interface-endpoint-private-dns). Terraform's `aws_vpc_endpoint` and CloudFormation's "
                + "`AWS::EC2::VPCEndpoint` both default it to false. For a function with no NAT route (see IAM2704) "
                + "the calls to that service time out. Set `private_dns_enabled = true` (or point the client's "
                + "`endpoint_url` at the endpoint's DNS name).")
public final class EndpointPrivateDnsDisabled extends LintRule {

    @Override
    public List<Finding> check(ProjectFacts facts, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (Endpoints.Use u : Endpoints.interfaceUses(facts, e -> e.privateDns().equals(Optional.of(false)))) {
            PrivateFunction f = u.function();
            ServiceCall c = u.call();
            Endpoint e = u.endpoint();
            out.add(new Finding(id(), info().severity(), "the " + e.service() + " endpoint has private "
                    + "DNS disabled and " + f.target() + " has no NAT route: its " + c.service() + " calls "
                    + "resolve the public name and time out; set private_dns_enabled = true", e.at(),
                    List.of(new RelatedLocation(f.at(), f.target() + "'s VPC configuration"),
                            new RelatedLocation(c.at(), "the function calls " + c.service() + " here"))));
        }
        return out;
    }
}
