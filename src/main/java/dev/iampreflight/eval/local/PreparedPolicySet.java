package dev.iampreflight.eval.local;

import dev.iampreflight.eval.PolicyRole;
import dev.iampreflight.eval.PolicySet;
import dev.iampreflight.eval.ResourcePolicyKind;
import dev.iampreflight.eval.StatementRef;
import dev.iampreflight.eval.local.internal.CompiledPolicy;
import dev.iampreflight.eval.local.internal.CompiledStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PolicySet} compiled for {@link LocalEngine}: prepare once, evaluate many requests. Immutable and
 * thread-safe.
 */
public final class PreparedPolicySet {

    /** One policy in its place: role, SCP/RCP level (else -1) and the offset of its first statement. */
    record Slot(CompiledPolicy policy, PolicyRole role, int level, int offset) {
        StatementRef ref(CompiledStatement s) {
            return new StatementRef(policy.name(), role, level, s.label(), s.source.location());
        }
    }

    final PolicySet source;
    final Slot[] identity;
    final Slot resource;
    final ResourcePolicyKind resourceKind;
    final Slot[] boundaries;
    final Slot session;
    final Slot[][] scps;
    final Slot[][] rcps;
    final List<Slot> all;
    final int statementCount;

    PreparedPolicySet(PolicySet set, java.util.function.Function<dev.iampreflight.policy.PolicyDocument,
            CompiledPolicy> compiler) {
        this.source = set;
        List<Slot> everything = new ArrayList<>();
        int[] offset = {0};
        this.identity = slots(set.identityPolicies(), PolicyRole.IDENTITY, -1, compiler, everything, offset);
        this.resource = set.resourcePolicy().map(d -> slot(compiler.apply(d), PolicyRole.RESOURCE, -1, everything,
                offset)).orElse(null);
        this.resourceKind = set.resourcePolicyKind();
        this.boundaries = slots(set.permissionBoundaries(), PolicyRole.BOUNDARY, -1, compiler, everything, offset);
        this.session = set.sessionPolicy().map(d -> slot(compiler.apply(d), PolicyRole.SESSION, -1, everything,
                offset)).orElse(null);
        this.scps = new Slot[set.scpLevels().size()][];
        for (int i = 0; i < scps.length; i++) {
            scps[i] = slots(set.scpLevels().get(i), PolicyRole.SCP, i, compiler, everything, offset);
        }
        this.rcps = new Slot[set.rcpLevels().size()][];
        for (int i = 0; i < rcps.length; i++) {
            rcps[i] = slots(set.rcpLevels().get(i), PolicyRole.RCP, i, compiler, everything, offset);
        }
        this.all = List.copyOf(everything);
        this.statementCount = offset[0];
    }

    private static Slot[] slots(List<dev.iampreflight.policy.PolicyDocument> docs, PolicyRole role, int level,
                                java.util.function.Function<dev.iampreflight.policy.PolicyDocument, CompiledPolicy> c,
                                List<Slot> everything, int[] offset) {
        Slot[] out = new Slot[docs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = slot(c.apply(docs.get(i)), role, level, everything, offset);
        }
        return out;
    }

    private static Slot slot(CompiledPolicy p, PolicyRole role, int level, List<Slot> everything, int[] offset) {
        Slot s = new Slot(p, role, level, offset[0]);
        offset[0] += p.statements.size();
        everything.add(s);
        return s;
    }

    public PolicySet policySet() {
        return source;
    }
}
