package dev.iampreflight.iac.cloudformation;

import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.ProjectOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.iampreflight.project.Fixtures.iac;
import static dev.iampreflight.project.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fn::If around policy entries and around a whole Policies list, per stage. */
class ConditionalPoliciesTest {

    private static final Path DIR = iac("sam-conditions");

    private static IacResult read(String stage) {
        return CloudFormationReader.read(DIR, DIR.resolve("template.yaml"), ProjectOptions.defaults(),
                Map.of("Stage", stage));
    }

    private static List<String> refs(List<AttachedPolicy> ps) {
        return ps.stream().map(p -> p.reference().orElse(p.name().replaceAll(".*\\((.*)\\)$", "$1")))
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "prod | arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole,DynamoDBReadPolicy  | prod",
            "dev  | arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole,DynamoDBCrudPolicy,AmazonSQSReadOnlyAccess | dev,extra",
    })
    void policiesFollowTheCondition(String stage, String samPolicies, String rolePolicies) {
        IacResult r = read(stage);
        assertEquals(List.of(samPolicies.split(",")), refs(target(r.targets(), "sam:Fn").identityPolicies()));
        assertEquals(List.of(rolePolicies.split(",")), refs(target(r.targets(), "sam:Worker").identityPolicies()));
        assertTrue(r.findings().stream().noneMatch(f -> f.ruleId().equals("IAM0002")), r.findings().toString());
    }
}
