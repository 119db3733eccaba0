package dev.iampreflight.iac.cloudformation;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.TreeReader;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.ProjectOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.iampreflight.project.Fixtures.target;
import static dev.iampreflight.project.Fixtures.withRule;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the AWS SAM transform adds to a template, read from small templates written here. */
class SamTransformTest {

    private static final ProjectOptions KNOWN = ProjectOptions.defaults().withAccount("111122223333", "eu-west-1");

    static IacResult read(String yaml) {
        Path dir = Path.of("target", "sam-transform-test");
        TreeReader.Result tree = TreeReader.parse(yaml, "template.yaml", TreeReader.Format.YAML);
        return CloudFormationReader.read(dir, dir.resolve("template.yaml"), (ObjectNode) tree.root().orElseThrow(),
                KNOWN, Map.of());
    }

    private static final String HEAD = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders
                  Handler: app.handler
                  Runtime: python3.12
                  AutoPublishAlias: live
            """;

    @Test
    void referenceablePropertiesResolveToQualifiedArns() {
        IacResult r = read(HEAD + """
                  User:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      Runtime: python3.12
                      Environment:
                        Variables:
                          VERSION: !Ref Fn.Version
                          ALIAS: !Ref Fn.Alias
                          ALIAS_SUB: !Sub "${Fn.Alias}"
                          ROLE: !GetAtt FnRole.Arn
                """);
        DeployTarget u = target(r.targets(), "sam:User");
        assertEquals("arn:aws:lambda:eu-west-1:111122223333:function:orders:{?}", u.environment().get("VERSION").value());
        assertEquals("arn:aws:lambda:eu-west-1:111122223333:function:orders:live", u.environment().get("ALIAS").value());
        assertEquals("arn:aws:lambda:eu-west-1:111122223333:function:orders:live",
                u.environment().get("ALIAS_SUB").value());
        assertEquals("arn:aws:iam::111122223333:role/{?}", u.environment().get("ROLE").value());
        assertEquals(List.of(), withRule(r.findings(), InfraRules.CFN_UNKNOWN_REFERENCE));
    }

    @Test
    void namesSamDoesNotGenerateAreStillErrors() {
        // No Api event: no ServerlessRestApi; a function with its own Role gets no <Function>Role; a misspelling.
        IacResult r = read(HEAD + """
                  Other:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      Runtime: python3.12
                      Role: arn:aws:iam::111122223333:role/existing
                      Environment:
                        Variables:
                          A: !Ref ServerlessRestApi
                          B: !Ref OtherRole
                          C: !Ref Fn.Versoin
                          D: !Ref ServerlessDeploymentApplication
                """);
        List<Finding> unknown = withRule(r.findings(), InfraRules.CFN_UNKNOWN_REFERENCE);
        assertEquals(List.of("ServerlessRestApi", "OtherRole", "Fn.Versoin", "ServerlessDeploymentApplication"),
                unknown.stream().map(f -> f.message().split("'")[1]).toList());
    }
}
