package dev.iampreflight.rules;

import dev.iampreflight.rules.actions.ActionCase;
import dev.iampreflight.rules.actions.MalformedAction;
import dev.iampreflight.rules.actions.PatternMatchesNothing;
import dev.iampreflight.rules.actions.UnknownAction;
import dev.iampreflight.rules.actions.UnknownService;
import dev.iampreflight.rules.actions.WildcardInService;
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

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Every lint rule, listed explicitly (no classpath scanning), in id order. */
public final class LintRules {

    private static final List<LintRule> ALL = List.of(
            new VersionMissing(), new LegacyVersion(), new SidSyntax(), new DuplicateSid(),
            new PrincipalInIdentityPolicy(), new MissingPrincipal(), new TrustPolicyAction(), new NonLatin1Character(),
            new UnknownService(), new UnknownAction(), new PatternMatchesNothing(), new WildcardInService(),
            new MalformedAction(), new ActionCase(),
            new MalformedArn(), new UnknownPartition(), new ArnServiceCase(), new UnknownArnService(),
            new EmptyAccount(), new RegionNotAllowed(), new RegionMissing(), new ActionResourceMismatch(),
            new WildcardOnlyActionScoped(), new ParametersByPathChildrenOnly(), new ArnWhitespace());

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
