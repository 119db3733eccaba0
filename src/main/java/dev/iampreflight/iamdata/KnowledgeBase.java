package dev.iampreflight.iamdata;

import dev.iampreflight.policy.PolicyDocument;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bundled IAM knowledge base: services, actions, resource types with ARN formats, condition keys, SDK operations,
 * AWS managed policies and SAM policy templates. Loaded lazily per service from generated resources; never touches
 * the network. Thread-safe.
 */
public final class KnowledgeBase {

    private KnowledgeBase() {
    }

    /** The knowledge base bundled in the jar (loaded on first use, one per process). */
    public static KnowledgeBase bundled() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Every IAM service prefix, sorted. */
    public Set<String> servicePrefixes() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** A service by IAM prefix ({@code ses}) or SDK name ({@code sesv2}, {@code stepfunctions}, {@code elbv2}). */
    public Optional<ServiceInfo> service(String prefixOrSdkName) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** An action by full name, case-insensitively ({@code dynamodb:updateitem} finds {@code dynamodb:UpdateItem}). */
    public Optional<ActionInfo> action(String fullName) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Every action of a service, sorted by name. */
    public List<ActionInfo> actions(String servicePrefix) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The actions a pattern with {@code *}/{@code ?} matches, case-insensitively ({@code s3:Get*}); sorted. */
    public List<ActionInfo> expand(String pattern) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** A condition key: a global {@code aws:} key or a service key; key names are case-insensitive. */
    public Optional<ConditionKeyInfo> conditionKey(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The resource types whose ARN format this concrete ARN matches (most specific first). */
    public List<ArnMatch> resourceTypesOf(String arn) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Optional<ResourceTypeInfo> resourceType(String servicePrefix, String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The IAM prefix an SDK service name maps to ({@code sesv2} -> {@code ses}). */
    public Optional<String> iamPrefixForSdk(String sdkService) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** An SDK operation by CamelCase ({@code ListObjectsV2}) or boto3 ({@code list_objects_v2}) name. */
    public Optional<SdkOperation> sdkOperation(String sdkService, String operation) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public List<SdkOperation> sdkOperations(String sdkService) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** An AWS managed policy by ARN ({@code arn:aws:iam::aws:policy/...}) or by name. */
    public Optional<PolicyDocument> managedPolicy(String arnOrName) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Optional<SamPolicyTemplate> samPolicyTemplate(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Set<String> samPolicyTemplateNames() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** botocore's {@code xform_name}: {@code ListObjectsV2} -> {@code list_objects_v2}. */
    public static String pythonName(String operation) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
