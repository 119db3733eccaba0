package dev.iampreflight.rules.incidents;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.ProjectFacts;
import dev.iampreflight.rules.ProjectFacts.PrivateFunction;
import dev.iampreflight.rules.ProjectFacts.ServiceCall;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(id = "IAM2704", name = "no-route-to-service",
        summary = "A function in a private subnet calls a service it has no route to",
        severity = Severity.ERROR, category = Category.INCIDENTS,
        help = "A Lambda function attached to a VPC reaches AWS's public service endpoints only through a NAT "
                + "gateway (its network interfaces have no public IP, so an internet gateway alone is not a route) or "
                + "through a VPC endpoint for the service "
                + "(https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html, "
                + "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html). When "
                + "none of the function's subnets has a default route to a NAT gateway (or a transit gateway, "
                + "peering, instance or network interface) and the configuration declares no endpoint for a service "
                + "the function's code calls, that call times out. Reported for Terraform and CloudFormation/SAM "
                + "functions whose subnets, route table associations, routes and the module's (or template's) VPC "
                + "endpoints are all written out (anything computed, a module that may declare endpoints, SAM "
                + "Globals, leaves the function unreported), and only for services whose endpoint name is known.")
public final class NoRouteToService extends LintRule {

    @Override
    public List<Finding> check(ProjectFacts facts, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (PrivateFunction f : facts.privateFunctions()) {
            for (ServiceCall c : f.calls()) {
                Optional<String> endpoint = Endpoints.serviceName(c.service());
                if (endpoint.isEmpty() || Endpoints.of(f, endpoint.get()).isPresent()) {
                    continue;
                }
                out.add(new Finding(id(), info().severity(), f.target() + " runs in subnets with no route to a NAT "
                        + "gateway and its VPC has no endpoint for " + c.service() + " (com.amazonaws.<region>."
                        + endpoint.get() + "), so its " + c.service() + " calls time out; add a NAT gateway route or "
                        + "a VPC endpoint for " + endpoint.get(), f.at(),
                        List.of(new RelatedLocation(c.at(), "the function calls " + c.service() + " here"))));
            }
        }
        return out;
    }
}
