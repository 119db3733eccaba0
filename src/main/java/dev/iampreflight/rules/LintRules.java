package dev.iampreflight.rules;

import dev.iampreflight.rules.actions.ActionCase;
import dev.iampreflight.rules.actions.MalformedAction;
import dev.iampreflight.rules.actions.PatternMatchesNothing;
import dev.iampreflight.rules.actions.UnknownAction;
import dev.iampreflight.rules.actions.UnknownService;
import dev.iampreflight.rules.actions.WildcardInService;
import dev.iampreflight.rules.conditions.ForAllValuesSingleValued;
import dev.iampreflight.rules.incidents.AuthorizerForbiddenError;
import dev.iampreflight.rules.incidents.CrossAccountKeyNotTrusted;
import dev.iampreflight.rules.incidents.EndpointPrivateDnsDisabled;
import dev.iampreflight.rules.incidents.EndpointSecurityGroupBlocks;
import dev.iampreflight.rules.incidents.NoRouteToService;
import dev.iampreflight.rules.incidents.OpenApi3SecurityDefinitions;
import dev.iampreflight.rules.incidents.UndeclaredSecurityScheme;
import dev.iampreflight.rules.conditions.OperatorKeyTypeMismatch;
import dev.iampreflight.rules.conditions.SingleValuedOperatorOnMultivaluedKey;
import dev.iampreflight.rules.conditions.UnknownConditionKey;
import dev.iampreflight.rules.conditions.UnknownOperator;
import dev.iampreflight.rules.conditions.ValueType;
import dev.iampreflight.rules.conditions.VariableInOldVersion;
import dev.iampreflight.rules.principals.AwsPrincipalFormat;
import dev.iampreflight.rules.principals.CanonicalUserFormat;
import dev.iampreflight.rules.principals.NotPrincipalWithAllow;
import dev.iampreflight.rules.principals.OidcTrustWithoutSub;
import dev.iampreflight.rules.principals.PrincipalPartialWildcard;
import dev.iampreflight.rules.principals.ServicePrincipalFormat;
import dev.iampreflight.rules.principals.TrustOpenToAnyone;
import dev.iampreflight.rules.redundancy.ActionCoveredByWildcard;
import dev.iampreflight.rules.redundancy.DuplicateAction;
import dev.iampreflight.rules.redundancy.DuplicateResource;
import dev.iampreflight.rules.redundancy.DuplicateStatement;
import dev.iampreflight.rules.redundancy.PolicySize;
import dev.iampreflight.rules.security.FullAdmin;
import dev.iampreflight.rules.security.NotActionWithAllow;
import dev.iampreflight.rules.security.NotResourceWithAllow;
import dev.iampreflight.rules.security.PassRoleAnyService;
import dev.iampreflight.rules.security.PermissionsManagementOnStar;
import dev.iampreflight.rules.security.PublicResourcePolicy;
import dev.iampreflight.rules.security.ServiceWildcard;
import dev.iampreflight.rules.grammar.DuplicateSid;
import dev.iampreflight.rules.grammar.LegacyVersion;
import dev.iampreflight.rules.grammar.MissingPrincipal;
import dev.iampreflight.rules.grammar.NonLatin1Character;
import dev.iampreflight.rules.grammar.PrincipalInIdentityPolicy;
import dev.iampreflight.rules.grammar.SidSyntax;
import dev.iampreflight.rules.grammar.TrustPolicyAction;
import dev.iampreflight.rules.grammar.VersionMissing;
import dev.iampreflight.rules.resources.ActionResourceMismatch;
import dev.iampreflight.rules.resources.ArnServiceCase;
import dev.iampreflight.rules.resources.ArnWhitespace;
import dev.iampreflight.rules.resources.EmptyAccount;
import dev.iampreflight.rules.resources.MalformedArn;
import dev.iampreflight.rules.resources.ParametersByPathChildrenOnly;
import dev.iampreflight.rules.resources.RegionMissing;
import dev.iampreflight.rules.resources.RegionNotAllowed;
import dev.iampreflight.rules.resources.UnknownArnService;
import dev.iampreflight.rules.resources.UnknownPartition;
import dev.iampreflight.rules.resources.WildcardOnlyActionScoped;

import dev.iampreflight.rules.grammar.VariableInUnsupportedElement;
import dev.iampreflight.rules.grammar.ResourceInTrustPolicy;
import dev.iampreflight.rules.grammar.NotPrincipalInTrustPolicy;
import dev.iampreflight.rules.grammar.EmptyPrincipalArray;
import dev.iampreflight.rules.grammar.EmptyPrincipalObject;
import dev.iampreflight.rules.grammar.EmptyConditionObject;
import dev.iampreflight.rules.grammar.EmptyConditionValues;
import dev.iampreflight.rules.grammar.EmptyConditionValuesForAllValues;
import dev.iampreflight.rules.grammar.EmptyConditionValuesForAnyValue;
import dev.iampreflight.rules.grammar.EmptyConditionValuesIfExists;
import dev.iampreflight.rules.resources.InvalidRegion;
import dev.iampreflight.rules.resources.RegionPartitionMismatch;
import dev.iampreflight.rules.resources.InvalidAccount;
import dev.iampreflight.rules.resources.InvalidArnResource;
import dev.iampreflight.rules.resources.EmptyArnResource;
import dev.iampreflight.rules.resources.S3EmptyObjectKey;
import dev.iampreflight.rules.resources.SsmParameterDoubleSlash;
import dev.iampreflight.rules.principals.GroupPrincipal;
import dev.iampreflight.rules.principals.FederatedPrincipalFormat;
import dev.iampreflight.rules.principals.CanonicalUserInTrustPolicy;
import dev.iampreflight.rules.principals.FederatedActionMismatch;
import dev.iampreflight.rules.principals.RedundantAssumedRolePrincipal;
import dev.iampreflight.rules.principals.CognitoTrustWithoutAud;
import dev.iampreflight.rules.principals.PrincipalUnknownPartition;
import dev.iampreflight.rules.conditions.VariableMissingBrace;
import dev.iampreflight.rules.conditions.VariableEmpty;
import dev.iampreflight.rules.conditions.VariableSpace;
import dev.iampreflight.rules.conditions.VariableDefaultQuote;
import dev.iampreflight.rules.conditions.VariableSymbol;
import dev.iampreflight.rules.conditions.VariableOperator;
import dev.iampreflight.rules.conditions.PrivateIpAddress;
import dev.iampreflight.rules.conditions.PrivateNotIpAddress;
import dev.iampreflight.rules.conditions.PrivateIpSubset;
import dev.iampreflight.rules.conditions.SourceIpWithVpcKey;
import dev.iampreflight.rules.conditions.ConditionKeyCase;
import dev.iampreflight.rules.conditions.DuplicateKeyCase;
import dev.iampreflight.rules.conditions.KeyNotApplicable;
import dev.iampreflight.rules.conditions.NullWithQualifier;
import dev.iampreflight.rules.conditions.WildcardWithoutLike;
import dev.iampreflight.rules.conditions.InvalidDate;
import dev.iampreflight.rules.conditions.VpceFormat;
import dev.iampreflight.rules.conditions.VpcFormat;
import dev.iampreflight.rules.conditions.TagKeyMissing;
import dev.iampreflight.rules.conditions.MultipleBoolean;
import dev.iampreflight.rules.security.CredentialsExposure;
import dev.iampreflight.rules.security.DataExfiltration;
import dev.iampreflight.rules.security.PassRoleNotResource;
import dev.iampreflight.rules.security.PrivilegeEscalationSet;
import dev.iampreflight.rules.security.PublicWithWeakCondition;
import dev.iampreflight.rules.security.OidcTrustWithoutCondition;
import dev.iampreflight.rules.security.ServicePrincipalWithoutSource;
import dev.iampreflight.rules.redundancy.StatementCovered;
import dev.iampreflight.rules.redundancy.ResourceCoveredByWildcard;
import dev.iampreflight.rules.redundancy.DuplicateConditionValue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Every lint rule, listed explicitly (no classpath scanning), in id order. */
public final class LintRules {

    private static final List<LintRule> ALL = List.of(
            new VersionMissing(), new LegacyVersion(), new SidSyntax(), new DuplicateSid(),
            new PrincipalInIdentityPolicy(), new MissingPrincipal(), new TrustPolicyAction(), new NonLatin1Character(),
            new VariableInUnsupportedElement(), new ResourceInTrustPolicy(), new NotPrincipalInTrustPolicy(),
            new EmptyPrincipalArray(), new EmptyPrincipalObject(), new EmptyConditionObject(),
            new EmptyConditionValues(), new EmptyConditionValuesForAllValues(), new EmptyConditionValuesForAnyValue(),
            new EmptyConditionValuesIfExists(),
            new UnknownService(), new UnknownAction(), new PatternMatchesNothing(), new WildcardInService(),
            new MalformedAction(), new ActionCase(),
            new MalformedArn(), new UnknownPartition(), new ArnServiceCase(), new UnknownArnService(),
            new EmptyAccount(), new RegionNotAllowed(), new RegionMissing(), new ActionResourceMismatch(),
            new WildcardOnlyActionScoped(), new ParametersByPathChildrenOnly(), new ArnWhitespace(),
            new InvalidRegion(), new RegionPartitionMismatch(), new InvalidAccount(), new InvalidArnResource(),
            new EmptyArnResource(), new S3EmptyObjectKey(), new SsmParameterDoubleSlash(),
            new UnknownOperator(), new UnknownConditionKey(), new ValueType(), new ForAllValuesSingleValued(),
            new SingleValuedOperatorOnMultivaluedKey(), new VariableInOldVersion(), new OperatorKeyTypeMismatch(),
            new VariableMissingBrace(), new VariableEmpty(), new VariableSpace(), new VariableDefaultQuote(),
            new VariableSymbol(), new VariableOperator(), new PrivateIpAddress(),
            new PrivateNotIpAddress(), new PrivateIpSubset(), new SourceIpWithVpcKey(), new ConditionKeyCase(),
            new DuplicateKeyCase(), new KeyNotApplicable(), new NullWithQualifier(), new WildcardWithoutLike(),
            new InvalidDate(), new VpceFormat(), new VpcFormat(), new TagKeyMissing(), new MultipleBoolean(),
            new NotPrincipalWithAllow(), new AwsPrincipalFormat(), new PrincipalPartialWildcard(),
            new ServicePrincipalFormat(), new TrustOpenToAnyone(), new OidcTrustWithoutSub(), new CanonicalUserFormat(),
            new GroupPrincipal(), new FederatedPrincipalFormat(), new CanonicalUserInTrustPolicy(),
            new FederatedActionMismatch(), new RedundantAssumedRolePrincipal(), new CognitoTrustWithoutAud(),
            new PrincipalUnknownPartition(),
            new FullAdmin(), new ServiceWildcard(), new PassRoleAnyService(), new NotActionWithAllow(),
            new NotResourceWithAllow(), new PermissionsManagementOnStar(), new PublicResourcePolicy(),
            new CredentialsExposure(), new DataExfiltration(), new PassRoleNotResource(),
            new PrivilegeEscalationSet(), new PublicWithWeakCondition(), new OidcTrustWithoutCondition(),
            new ServicePrincipalWithoutSource(),
            new DuplicateAction(), new DuplicateResource(), new ActionCoveredByWildcard(), new DuplicateStatement(),
            new PolicySize(),
            new StatementCovered(), new ResourceCoveredByWildcard(), new DuplicateConditionValue(),
            new OpenApi3SecurityDefinitions(), new UndeclaredSecurityScheme(), new AuthorizerForbiddenError(),
            new NoRouteToService(), new EndpointPrivateDnsDisabled(), new EndpointSecurityGroupBlocks(),
            new CrossAccountKeyNotTrusted());

    private LintRules() {
    }

    public static List<LintRule> all() {
        return ALL;
    }

    public static Optional<LintRule> byId(String id) {
        String wanted = id.trim().toUpperCase(Locale.ROOT);
        return ALL.stream().filter(r -> r.id().equals(wanted)).findFirst();
    }
}
