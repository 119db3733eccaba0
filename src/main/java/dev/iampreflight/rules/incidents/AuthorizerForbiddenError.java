package dev.iampreflight.rules.incidents;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.iamdata.KnowledgeBase;
import dev.iampreflight.rules.Category;
import dev.iampreflight.rules.LintRule;
import dev.iampreflight.rules.ProjectFacts;
import dev.iampreflight.rules.ProjectFacts.AuthorizerRaise;
import dev.iampreflight.rules.RuleInfo;

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "IAM2703", name = "authorizer-forbidden-error",
        summary = "A Chalice authorizer answers a failed authentication with ForbiddenError instead of 401",
        severity = Severity.WARNING, category = Category.INCIDENTS,
        help = "A Chalice built-in authorizer (`@app.authorizer()`, "
                + "https://aws.github.io/chalice/topics/authorizers.html) is an API Gateway Lambda authorizer. API "
                + "Gateway answers 401 Unauthorized only when the authorizer fails with the message `Unauthorized`; "
                + "any other error is a 500, and a policy that denies the route is a 403 "
                + "(https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer."
                + "html). Raising `ForbiddenError` for a missing or invalid token therefore never gives clients the "
                + "401 they treat as \"sign in again\" (and `chalice local` answers it with a 403). Raise "
                + "`UnauthorizedError('Unauthorized')` when the caller is not authenticated, and return "
                + "`AuthResponse(routes=[], principal_id=...)` to deny an authenticated caller. Reported only for "
                + "an authorizer that some route names with `authorizer=`.")
public final class AuthorizerForbiddenError extends LintRule {

    @Override
    public List<Finding> check(ProjectFacts facts, KnowledgeBase kb) {
        List<Finding> out = new ArrayList<>();
        for (AuthorizerRaise r : facts.authorizers()) {
            String simple = r.error().substring(r.error().lastIndexOf('.') + 1);
            if (!simple.equals("ForbiddenError") || r.routes().isEmpty()) {
                continue;
            }
            List<RelatedLocation> related = new ArrayList<>();
            related.add(new RelatedLocation(r.authorizerAt(), "the authorizer '" + r.authorizer() + "'"));
            for (SourceLocation route : r.routes()) {
                related.add(new RelatedLocation(route, "a route it protects"));
            }
            out.add(new Finding(id(), info().severity(), "authorizer '" + r.authorizer() + "' raises " + r.error()
                    + ": API Gateway answers a Lambda authorizer's error with 500, and 401 only for the message "
                    + "'Unauthorized', so clients never get the 401 that means 'authenticate again'; raise "
                    + "UnauthorizedError('Unauthorized') for a missing or invalid token, or return "
                    + "AuthResponse(routes=[], ...) to deny", r.raisedAt(), related));
        }
        return out;
    }
}
