package dev.iampreflight.eval.local.internal;

import dev.iampreflight.policy.Effect;
import dev.iampreflight.policy.LocatedString;
import dev.iampreflight.policy.Statement;
import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.policy.internal.Glob;

import java.util.ArrayList;
import java.util.List;

/**
 * One statement compiled for fast matching: action patterns lower-cased, constant resource patterns compiled once
 * (patterns with policy variables are resolved per request), the principal and the conditions compiled.
 */
public final class CompiledStatement {

    public final Statement source;
    public final boolean deny;
    final Glob[] actions;
    final boolean actionNegated;
    /** Null when the statement has no Resource/NotResource (trust policies). */
    final Template[] resourceTemplates;
    /** Compiled constant resource patterns; null entries have variables. */
    final Glob[] resourceConstants;
    final boolean resourceNegated;
    final boolean resourceHasVariables;
    public final PrincipalMatcher principal;
    final CompiledCondition[] conditions;

    CompiledStatement(Statement s, boolean substitute) {
        this.source = s;
        this.deny = s.effect() == Effect.DENY;
        List<Glob> a = new ArrayList<>();
        for (LocatedString v : s.actions().values()) {
            a.add(Glob.parse(v.value(), Wildcards.Mode.ACTION));
        }
        this.actions = a.toArray(new Glob[0]);
        this.actionNegated = s.actions().negated();
        if (s.resources().isPresent()) {
            List<LocatedString> rs = s.resources().get().values();
            resourceTemplates = new Template[rs.size()];
            resourceConstants = new Glob[rs.size()];
            boolean vars = false;
            for (int i = 0; i < rs.size(); i++) {
                resourceTemplates[i] = Template.parse(rs.get(i).value(), substitute);
                if (resourceTemplates[i].hasVariables()) {
                    vars = true;
                } else {
                    resourceConstants[i] = resourceTemplates[i].resolveGlob(k -> null, Wildcards.Mode.RESOURCE);
                }
            }
            resourceNegated = s.resources().get().negated();
            resourceHasVariables = vars;
        } else {
            resourceTemplates = null;
            resourceConstants = null;
            resourceNegated = false;
            resourceHasVariables = false;
        }
        this.principal = s.principal().map(PrincipalMatcher::new).orElse(null);
        List<CompiledCondition> cs = new ArrayList<>();
        for (var c : s.condition().conditions()) {
            cs.add(new CompiledCondition(c, substitute));
        }
        this.conditions = cs.toArray(new CompiledCondition[0]);
    }

    public boolean actionMatches(String actionLower) {
        boolean any = false;
        for (Glob g : actions) {
            if (g.matches(actionLower)) {
                any = true;
                break;
            }
        }
        return any != actionNegated;
    }

    /** Concrete resource match (resource already normalized). No Resource element matches everything. */
    public boolean resourceMatches(RequestContext c) {
        if (resourceTemplates == null) {
            return true;
        }
        boolean any = false;
        boolean unresolved = false;
        for (int i = 0; i < resourceTemplates.length && !any; i++) {
            Glob g = resourceConstants[i];
            if (g == null) {
                g = resourceTemplates[i].resolveGlob(c.lookup, Wildcards.Mode.RESOURCE);
                if (g == null) {
                    unresolved = true;
                    continue;
                }
            }
            any = g.matches(c.resource, c.resourceColons);
        }
        if (resourceNegated) {
            // A NotResource value we cannot resolve makes the element match nothing.
            return !any && !unresolved;
        }
        return any;
    }

    /** The resolved resource patterns (unresolvable ones left out); null when there is no Resource element. */
    public List<Glob> resourceGlobs(RequestContext c) {
        if (resourceTemplates == null) {
            return null;
        }
        List<Glob> out = new ArrayList<>(resourceTemplates.length);
        for (int i = 0; i < resourceTemplates.length; i++) {
            Glob g = resourceConstants[i] != null ? resourceConstants[i]
                    : resourceTemplates[i].resolveGlob(c.lookup, Wildcards.Mode.RESOURCE);
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }

    public boolean resourceNegated() {
        return resourceNegated;
    }

    public boolean resourceUnresolvedInNot(RequestContext c) {
        return resourceNegated && resourceGlobs(c).size() < resourceTemplates.length;
    }

    /** Whether the Principal/NotPrincipal element applies (no element: applies). */
    public boolean principalApplies(RequestContext c) {
        if (principal == null) {
            return true;
        }
        if (principal.negated) {
            // NotPrincipal with Deny always denies a principal that has a permissions boundary
            // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
            if (deny && c.hasBoundary && c.principal.isIamPrincipal()) {
                return true;
            }
            // Allow with NotPrincipal means "everyone except the principals named", matched as a Principal element
            // matches (naming an account or a role excludes its users and sessions). AWS advises against the
            // construct (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html);
            // the Deny-only rule that exempts a session only when its whole chain is listed does not apply to it.
            return deny ? principal.notPrincipalApplies(c.principal)
                    : principal.grant(c.principal) == PrincipalMatcher.NONE;
        }
        return principal.grant(c.principal) != PrincipalMatcher.NONE;
    }

    /** How a resource-policy Allow statement names the principal. */
    public int grant(RequestContext c) {
        if (principal == null) {
            return PrincipalMatcher.NONE;
        }
        if (principal.negated) {
            return principal.grant(c.principal) == PrincipalMatcher.NONE ? PrincipalMatcher.DIRECT
                    : PrincipalMatcher.NONE;
        }
        return principal.grant(c.principal);
    }

    public boolean conditionsHold(RequestContext c) {
        for (CompiledCondition cc : conditions) {
            if (!cc.evaluate(c, null)) {
                return false;
            }
        }
        return true;
    }

    /** Everything but the resource. */
    public boolean appliesIgnoringResource(RequestContext c) {
        return actionMatches(c.action) && principalApplies(c) && conditionsHold(c);
    }

    /** The full concrete test. */
    public boolean applies(RequestContext c) {
        return actionMatches(c.action) && resourceMatches(c) && principalApplies(c) && conditionsHold(c);
    }

    public String label() {
        return source.label();
    }

    public List<CompiledCondition> conditions() {
        return List.of(conditions);
    }

    public Template[] resourceTemplates() {
        return resourceTemplates;
    }

    public Glob[] actionGlobs() {
        return actions;
    }

    public boolean actionNegated() {
        return actionNegated;
    }
}
