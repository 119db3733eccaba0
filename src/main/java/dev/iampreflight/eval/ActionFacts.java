package dev.iampreflight.eval;

import dev.iampreflight.iamdata.ActionInfo;
import dev.iampreflight.iamdata.KnowledgeBase;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine needs to know about actions. An action with no resource type (for example
 * {@code s3:ListAllMyBuckets}) is wildcard-only: only a Resource element that matches {@code *} grants it
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 */
@FunctionalInterface
public interface ActionFacts {

    /** True for an action that supports no resource type; unknown actions answer false. */
    boolean isWildcardOnly(String action);

    /** Knows nothing: every action is treated as having a resource type. */
    ActionFacts NONE = action -> false;

    /** A fixed list of wildcard-only actions (case-insensitive), for tests and tools. */
    static ActionFacts of(String... wildcardOnly) {
        Set<String> set = new java.util.HashSet<>();
        for (String a : wildcardOnly) {
            set.add(a.toLowerCase(Locale.ROOT));
        }
        return action -> set.contains(action.toLowerCase(Locale.ROOT));
    }

    /** Backed by the bundled knowledge base; falls back to "unknown" when the knowledge base cannot answer. */
    static ActionFacts bundled() {
        return BundledActionFacts.INSTANCE;
    }

    /** Holder for the knowledge-base backed facts, loaded on first use. */
    final class BundledActionFacts implements ActionFacts {
        static final BundledActionFacts INSTANCE = new BundledActionFacts();
        private final java.util.concurrent.ConcurrentHashMap<String, Boolean> cache =
                new java.util.concurrent.ConcurrentHashMap<>();

        private BundledActionFacts() {
        }

        @Override
        public boolean isWildcardOnly(String action) {
            return cache.computeIfAbsent(action.toLowerCase(Locale.ROOT), a -> {
                try {
                    Optional<ActionInfo> info = KnowledgeBase.bundled().action(a);
                    return info.map(ActionInfo::wildcardOnly).orElse(false);
                } catch (UnsupportedOperationException e) {
                    return false;
                }
            });
        }
    }
}
