package dev.iampreflight.policy;

import dev.iampreflight.policy.internal.Glob;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * IAM wildcard matching for every part of the tool. It belongs to the policy language, so it lives with the policy
 * model, below every package that matches patterns: {@code policy.internal.Glob} is the one core (the engine compiles
 * its statements with it and {@code GlobAutomaton} answers for unknown parts), and this is its face for the rest (lint,
 * the fixer's "is it already granted", target-name patterns, the resource policy and declared resource a request's ARN
 * is on). What differs between uses is said by parameters, never by another copy of
 * the matcher: the {@link Syntax} (are {@code *}/{@code ?} wildcards, and what {@code {?}}, a value not known
 * offline, stands for) and the {@link Mode} (ARN components matched one by one, case folding).
 */
public final class Wildcards {

    private Wildcards() {
    }

    /** What {@code {?}} stands for in a text. */
    public enum Unknown {
        /** Any string, the empty one included: a policy value the infrastructure code does not show. */
        ANY,
        /** An unknown non-empty string (which may contain {@code /}): a request value the code does not show. */
        NON_EMPTY
    }

    /** How the characters of a text read. */
    public enum Syntax {
        /** Policy text: {@code *} any run, {@code ?} one character, {@code {?}} any string. */
        POLICY(true, Unknown.ANY),
        /** A policy value of an operator without wildcards (StringEquals): literal but {@code {?}}, any string. */
        LITERAL_WITH_UNKNOWNS(false, Unknown.ANY),
        /** A request value: literal ({@code *} is the character), {@code {?}} an unknown non-empty string. */
        REQUEST(false, Unknown.NON_EMPTY),
        /** Every character is itself, {@code {?}} included. */
        LITERAL(false, null);

        private final boolean wildcards;
        private final Unknown unknown;

        Syntax(boolean wildcards, Unknown unknown) {
            this.wildcards = wildcards;
            this.unknown = unknown;
        }

        /** Whether {@code *} and {@code ?} are wildcards. */
        public boolean wildcards() {
            return wildcards;
        }

        /** What {@code {?}} stands for; null when it is three literal characters. */
        public Unknown unknown() {
            return unknown;
        }
    }

    /** How a text becomes a pattern. */
    public enum Mode {
        /** Resource/NotResource element: ARN-aware, partition/service/region/account compared case-insensitively. */
        RESOURCE(true, true),
        /** Arn* condition operators: ARN-aware, case-sensitive. */
        ARN(true, false),
        /** StringLike and friends: plain, case-sensitive. */
        PLAIN(false, false),
        /** Action/NotAction: plain, case-insensitive. */
        ACTION(false, true);

        private final boolean arnAware;
        private final boolean foldPrefix;

        Mode(boolean arnAware, boolean foldPrefix) {
            this.arnAware = arnAware;
            this.foldPrefix = foldPrefix;
        }

        /** Whether the first five components of an ARN-shaped pattern are matched one by one (no colon). */
        public boolean arnAware() {
            return arnAware;
        }

        /** Whether the literal text that is not case-sensitive in AWS (actions, an ARN's prefix) is folded. */
        public boolean foldPrefix() {
            return foldPrefix;
        }

        /** A concrete value as patterns of this mode compare it. */
        String normalize(String value) {
            return switch (this) {
                case ACTION -> value.toLowerCase(Locale.ROOT);
                case RESOURCE -> Glob.normalizeResource(value);
                default -> value;
            };
        }
    }

    /**
     * A matcher of concrete values against {@code pattern} read with {@code syntax} in {@code mode}. A value is
     * concrete: a {@code {?}} in it is three characters (a value with unknown parts is the engine's business).
     */
    public static Predicate<String> matcher(String pattern, Syntax syntax, Mode mode) {
        Glob g = Glob.compile(pattern, syntax, mode);
        return value -> g.matches(mode.normalize(value));
    }

    /** Whether {@code value} matches {@code pattern} (see {@link #matcher}). */
    public static boolean matches(String pattern, Syntax syntax, Mode mode, String value) {
        return matcher(pattern, syntax, mode).test(value);
    }
}
