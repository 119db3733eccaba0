package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.fix.Fixes;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A small fixed report that uses every field a reporter can show; the golden files are rendered from it. */
final class SampleReport {

    static final Path ROOT = Path.of("/work/project");

    private SampleReport() {
    }

    static Report report() {
        return new Report(findings(), List.of(
                new TargetSummary("chalice:dev:api_handler", 5),
                new TargetSummary("sam:OrdersFunction", 3),
                new TargetSummary("tf:aws_lambda_function.clean", 2)), ROOT);
    }

    static List<Finding> findings() {
        Finding missing = new Finding("IAM1001", Severity.ERROR,
                "dynamodb:PutItem on 'arn:aws:dynamodb:us-east-1:123456789012:table/orders' is denied for "
                        + "chalice:dev:api_handler: no statement allows it",
                new SourceLocation("/work/project/app.py", 14, 5),
                List.of(new RelatedLocation(new SourceLocation(".chalice/policy-dev.json", 3, 3),
                        "the policy of chalice:dev:api_handler, which should allow it")))
                .withTarget("chalice:dev:api_handler")
                .withRequest("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:123456789012:table/orders")
                .withFix(Fixes.allow("allow dynamodb:PutItem on the orders table in .chalice/policy-dev.json",
                        List.of("dynamodb:PutItem"), List.of("arn:aws:dynamodb:us-east-1:123456789012:table/orders"),
                        Optional.of(".chalice/policy-dev.json")));
        Finding denied = new Finding("IAM1001", Severity.ERROR,
                "s3:DeleteObject on 'arn:aws:s3:::uploads/${aws:username}/*' is denied for sam:OrdersFunction: "
                        + "the Deny statement at template.yaml:40 matches it",
                new SourceLocation("src/orders/handler.py", 22, 9),
                List.of(new RelatedLocation(new SourceLocation("template.yaml", 40, 11), "Deny statement 'NoDeletes'"),
                        new RelatedLocation(new SourceLocation("template.yaml", 31, 7), "policies of OrdersFunction")))
                .withTarget("sam:OrdersFunction")
                .withRequest("s3:DeleteObject", "arn:aws:s3:::uploads/${aws:username}/*")
                .withFix(Fixes.allow("allow s3:DeleteObject on the uploads bucket (and remove the Deny)",
                        List.of("s3:DeleteObject"), List.of("arn:aws:s3:::uploads/${aws:username}/*"),
                        Optional.empty()));
        Finding partial = new Finding("IAM1002", Severity.WARNING,
                "sqs:SendMessage on 'arn:aws:sqs:us-east-1:123456789012:*' is allowed only for "
                        + "'arn:aws:sqs:us-east-1:123456789012:orders-*'; the queue name comes from QUEUE_URL",
                new SourceLocation("src/orders/handler.py", 30, 5))
                .withTarget("sam:OrdersFunction")
                .withRequest("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:*");
        Finding cannot = new Finding("IAM1003", Severity.NOTE,
                "the role of chalice:prod:api_handler is 'arn:aws:iam::123456789012:role/prod-api', which lives in "
                        + "AWS, so its 4 calls were not checked",
                new SourceLocation(".chalice/config.json", 12, 7))
                .withTarget("chalice:prod:api_handler");
        Finding unparsable = new Finding("IAM0001", Severity.ERROR,
                "'.chalice/policy-prod.json' is not valid JSON: Unexpected character ('}' (code 125)): "
                        + "expected a value | <check> & \"quotes\"",
                new SourceLocation(".chalice/policy-prod.json", 7, 1));
        return List.of(cannot, partial, unparsable, denied, missing);
    }
}
