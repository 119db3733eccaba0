package dev.iampreflight.iac.cloudformation.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.internal.Nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The resources the AWS SAM transform generates from a template's {@code AWS::Serverless::*} resources, so that a
 * template may refer to them (by logical id, or by SAM's "referenceable properties" such as
 * {@code !Ref MyFunction.Alias}) without an "unknown reference" error. Names from the AWS SAM developer guide,
 * "Generated CloudFormation resources for AWS SAM"
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html)
 * and its pages for each resource type ({@code sam-specification-generated-resources-function.html}, {@code -api},
 * {@code -httpapi}, {@code -statemachine}).
 *
 * <p>Only names whose existence the template shows are declared (a {@code <Function>Role} only for a function without
 * a {@code Role}, {@code ServerlessRestApi} only when an {@code Api} event has no {@code RestApiId}). Names that hold
 * a hash SAM computes ({@code <Api>Deployment<sha>}, {@code <Function>Version<sha>}) or a stage name only known at
 * deploy are matched by pattern and resolve to unknown values.
 *
 * @param resources  generated logical id to a synthetic resource (its type, and the properties its values come from)
 * @param properties referenceable property ({@code MyFunction.Alias}) to the logical id of the generated resource
 * @param patterns   generated logical ids that cannot be known exactly
 */
public record SamGenerated(Map<String, Template.Resource> resources, Map<String, String> properties,
                           List<Pattern> patterns) {

    public static final SamGenerated NONE = new SamGenerated(Map.of(), Map.of(), List.of());

    /** What the transform generates for {@code template}; {@link #NONE} for a template without the SAM transform. */
    public static SamGenerated of(Template template, Intrinsics in) {
        if (!template.serverless()) {
            return NONE;
        }
        Builder b = new Builder(template);
        Optional<ObjectNode> globals = Nodes.childObject(template.root(), "Globals");
        Optional<ObjectNode> fnGlobals = globals.flatMap(g -> Nodes.childObject(g, "Function"));
        Optional<ObjectNode> apiGlobals = globals.flatMap(g -> Nodes.childObject(g, "Api"));
        Optional<ObjectNode> httpGlobals = globals.flatMap(g -> Nodes.childObject(g, "HttpApi"));
        for (Template.Resource r : template.resources().values()) {
            ObjectNode p = r.properties();
            switch (r.type()) {
                case "AWS::Serverless::Function" -> function(b, r, fnGlobals, in);
                case "AWS::Serverless::Api" -> {
                    // <api-LogicalId><stage-name>Stage, <api-LogicalId>Deployment<sha>; .Stage and .Deployment.
                    stage(b, r, p.get("StageName").or(() -> apiGlobals.flatMap(g -> g.get("StageName"))), in,
                            "AWS::ApiGateway::Stage");
                    b.pattern(Pattern.quote(r.id() + "Deployment") + "[0-9A-Fa-f]+");
                    b.property(r.id() + ".Deployment", r.id() + "Deployment", "AWS::ApiGateway::Deployment",
                            r.location());
                    if (p.get("Domain").or(() -> apiGlobals.flatMap(g -> g.get("Domain"))).isPresent()) {
                        b.property(r.id() + ".DomainName", r.id() + "DomainName", "AWS::ApiGateway::DomainName",
                                r.location());
                    }
                    usagePlan(b, r);
                }
                case "AWS::Serverless::HttpApi" -> {
                    Optional<Node> stageName = p.get("StageName").or(() -> httpGlobals.flatMap(g -> g.get("StageName")));
                    if (stageName.isEmpty()) {
                        b.property(r.id() + ".Stage", r.id() + "ApiGatewayDefaultStage",
                                "AWS::ApiGatewayV2::Stage", r.location());
                    } else {
                        stage(b, r, stageName, in, "AWS::ApiGatewayV2::Stage");
                    }
                    if (p.get("Domain").or(() -> httpGlobals.flatMap(g -> g.get("Domain"))).isPresent()) {
                        b.property(r.id() + ".DomainName", r.id() + "DomainName", "AWS::ApiGatewayV2::DomainName",
                                r.location());
                    }
                }
                case "AWS::Serverless::StateMachine" -> {
                    if (p.get("Role").isEmpty()) {
                        b.resource(r.id() + "Role", "AWS::IAM::Role", Map.of(), r.location());
                    }
                    events(b, r, p);
                }
                default -> {
                }
            }
        }
        return new SamGenerated(b.resources, b.properties, b.patterns);
    }

    private static void function(Builder b, Template.Resource r, Optional<ObjectNode> globals, Intrinsics in) {
        ObjectNode p = r.properties();
        SourceLocation at = r.location();
        if (p.get("Role").isEmpty()) {
            // "AWS::IAM::Role, LogicalId: <function-LogicalId>Role" when Role is not specified.
            b.resource(r.id() + "Role", "AWS::IAM::Role", Map.of(), at);
        }
        Map<String, Node> fnName = p.get("FunctionName").map(n -> Map.of("FunctionName", n)).orElse(Map.of());
        Optional<Node> alias = p.get("AutoPublishAlias").or(() -> globals.flatMap(g -> g.get("AutoPublishAlias")));
        if (alias.isPresent()) {
            // <function-LogicalId>Version<sha> and <function-LogicalId>Alias<alias-name>; .Version and .Alias.
            b.property(r.id() + ".Version", r.id() + "Version", "AWS::Lambda::Version", fnName, at);
            b.pattern(Pattern.quote(r.id() + "Version") + "[0-9A-Fa-f]+");
            Node name = p.get("FunctionName").orElse(ScalarNode.string(SymbolicValue.UNKNOWN, at));
            Node aliasFunction = ObjectNode.of(List.of(new ObjectNode.Field("Fn::Join", at, ArrayNode.of(List.of(
                    ScalarNode.string(":", at), ArrayNode.of(List.of(name, alias.get()), at)), at))), at);
            String aliasName = in.string(alias.get());
            String aliasId = r.id() + "Alias" + aliasName.replaceAll("[^A-Za-z0-9]", "");
            b.property(r.id() + ".Alias", aliasId, "AWS::Lambda::Alias", Map.of("SamQualifiedName", aliasFunction), at);
            if (aliasName.contains(SymbolicValue.UNKNOWN)) {
                b.pattern(Pattern.quote(r.id() + "Alias") + "[A-Za-z0-9]+");
            }
        }
        if (p.get("DeploymentPreference").or(() -> globals.flatMap(g -> g.get("DeploymentPreference"))).isPresent()) {
            // CodeDeploy: ServerlessDeploymentApplication, <function-LogicalId>DeploymentGroup, CodeDeployServiceRole.
            b.resource("ServerlessDeploymentApplication", "AWS::CodeDeploy::Application", Map.of(), at);
            b.resource(r.id() + "DeploymentGroup", "AWS::CodeDeploy::DeploymentGroup", Map.of(), at);
            b.resource("CodeDeployServiceRole", "AWS::IAM::Role", Map.of(), at);
        }
        if (p.get("FunctionUrlConfig").or(() -> globals.flatMap(g -> g.get("FunctionUrlConfig"))).isPresent()) {
            b.resource(r.id() + "Url", "AWS::Lambda::Url", Map.of(), at);
            b.resource(r.id() + "UrlPublicPermissions", "AWS::Lambda::Permission", Map.of(), at);
        }
        Nodes.childObject(p, "EventInvokeConfig").ifPresent(e -> b.pattern(Pattern.quote(r.id()) + "EventInvokeConfig"
                + "[A-Za-z0-9]*"));
        events(b, r, p);
    }

    /** Each event source generates resources named after the function and the event's logical id. */
    private static void events(Builder b, Template.Resource r, ObjectNode p) {
        Optional<ObjectNode> events = Nodes.childObject(p, "Events");
        if (events.isEmpty()) {
            return;
        }
        for (ObjectNode.Field e : events.get().fields()) {
            Optional<ObjectNode> ev = Nodes.object(e.value());
            String type = ev.flatMap(o -> Nodes.string(o, "Type")).orElse("");
            Optional<ObjectNode> props = ev.flatMap(o -> Nodes.childObject(o, "Properties"));
            String base = r.id() + e.key();
            switch (type) {
                case "Api" -> {
                    if (props.flatMap(o -> o.get("RestApiId")).isEmpty()) {
                        // The implicit API: ServerlessRestApi, its deployment and its "Prod" stage.
                        b.resource("ServerlessRestApi", "AWS::ApiGateway::RestApi", Map.of(), e.keyLocation());
                        b.resource("ServerlessRestApiProdStage", "AWS::ApiGateway::Stage", Map.of(),
                                e.keyLocation());
                        b.pattern("ServerlessRestApiDeployment[0-9A-Fa-f]+");
                    }
                    b.pattern(Pattern.quote(base) + "Permission[A-Za-z0-9]*");
                }
                case "HttpApi" -> {
                    if (props.flatMap(o -> o.get("ApiId")).isEmpty()) {
                        b.resource("ServerlessHttpApi", "AWS::ApiGatewayV2::Api", Map.of(), e.keyLocation());
                        b.resource("ServerlessHttpApiApiGatewayDefaultStage", "AWS::ApiGatewayV2::Stage", Map.of(),
                                e.keyLocation());
                    }
                    b.pattern(Pattern.quote(base) + "Permission[A-Za-z0-9]*");
                }
                case "Schedule", "CloudWatchEvent", "EventBridgeRule" -> {
                    b.resource(base, "AWS::Events::Rule", Map.of(), e.keyLocation());
                    b.resource(base + "Permission", "AWS::Lambda::Permission", Map.of(), e.keyLocation());
                    b.resource(base + "Role", "AWS::IAM::Role", Map.of(), e.keyLocation());
                }
                case "ScheduleV2" -> {
                    b.resource(base, "AWS::Scheduler::Schedule", Map.of(), e.keyLocation());
                    b.resource(base + "Role", "AWS::IAM::Role", Map.of(), e.keyLocation());
                }
                case "SNS" -> {
                    b.resource(base, "AWS::SNS::Subscription", Map.of(), e.keyLocation());
                    b.resource(base + "Permission", "AWS::Lambda::Permission", Map.of(), e.keyLocation());
                }
                case "SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "SelfManagedKafka", "DocumentDB" ->
                        b.resource(base, "AWS::Lambda::EventSourceMapping", Map.of(), e.keyLocation());
                case "S3", "AlexaSkill", "Cognito" ->
                        b.resource(base + "Permission", "AWS::Lambda::Permission", Map.of(), e.keyLocation());
                case "IoTRule", "CloudWatchLogs" -> {
                    b.resource(base, type.equals("IoTRule") ? "AWS::IoT::TopicRule" : "AWS::Logs::SubscriptionFilter",
                            Map.of(), e.keyLocation());
                    b.resource(base + "Permission", "AWS::Lambda::Permission", Map.of(), e.keyLocation());
                }
                default -> {
                }
            }
        }
    }

    private static void stage(Builder b, Template.Resource r, Optional<Node> stageName, Intrinsics in, String type) {
        String name = stageName.map(in::string).orElse(SymbolicValue.UNKNOWN);
        if (name.contains(SymbolicValue.UNKNOWN)) {
            b.pattern(Pattern.quote(r.id()) + "[A-Za-z0-9]*Stage");
            b.property(r.id() + ".Stage", r.id() + "Stage", type, Map.of(), r.location());
        } else {
            // SAM keeps only the alphanumeric characters of the stage name in the logical id.
            b.property(r.id() + ".Stage", r.id() + name.replaceAll("[^A-Za-z0-9]", "") + "Stage", type,
                    stageName.map(n -> Map.of("StageName", n)).orElse(Map.of()), r.location());
        }
    }

    private static void usagePlan(Builder b, Template.Resource r) {
        Optional<ObjectNode> plan = Nodes.childObject(r.properties(), "Auth")
                .flatMap(a -> Nodes.childObject(a, "UsagePlan"));
        if (plan.isEmpty()) {
            return;
        }
        b.property(r.id() + ".UsagePlan", r.id() + "UsagePlan", "AWS::ApiGateway::UsagePlan", r.location());
        b.property(r.id() + ".UsagePlanKey", r.id() + "UsagePlanKey", "AWS::ApiGateway::UsagePlanKey",
                r.location());
        b.property(r.id() + ".ApiKey", r.id() + "ApiKey", "AWS::ApiGateway::ApiKey", r.location());
        // A SHARED plan is one for the whole template.
        b.resource("ServerlessUsagePlan", "AWS::ApiGateway::UsagePlan", Map.of(), r.location());
        b.resource("ServerlessUsagePlanKey", "AWS::ApiGateway::UsagePlanKey", Map.of(), r.location());
        b.resource("ServerlessApiKey", "AWS::ApiGateway::ApiKey", Map.of(), r.location());
    }

    /** True when {@code id} is a generated logical id (known exactly or by pattern). */
    public boolean declares(String id) {
        return resources.containsKey(id) || patterns.stream().anyMatch(p -> p.matcher(id).matches());
    }

    private static final class Builder {
        private final Template template;
        private final Map<String, Template.Resource> resources = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<Pattern> patterns = new ArrayList<>();

        Builder(Template template) {
            this.template = template;
        }

        void resource(String id, String type, Map<String, Node> props, SourceLocation at) {
            // A resource the author declared under the same id is the one CloudFormation sees.
            if (template.resources().containsKey(id) || resources.containsKey(id)) {
                return;
            }
            List<ObjectNode.Field> fs = new ArrayList<>();
            props.forEach((k, v) -> fs.add(new ObjectNode.Field(k, at, v)));
            ObjectNode p = ObjectNode.of(fs, at);
            resources.put(id, new Template.Resource(id, type, p, Optional.empty(), at, p));
        }

        void property(String property, String id, String type, SourceLocation at) {
            property(property, id, type, Map.of(), at);
        }

        void property(String property, String id, String type, Map<String, Node> props, SourceLocation at) {
            resource(id, type, props, at);
            properties.putIfAbsent(property, id);
        }

        void pattern(String regex) {
            patterns.add(Pattern.compile(regex));
        }
    }
}
