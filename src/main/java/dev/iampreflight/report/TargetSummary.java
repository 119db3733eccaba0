package dev.iampreflight.report;

/**
 * One deploy target that {@code check} looked at (e.g. {@code chalice:dev:api_handler}): how many SDK calls its code
 * makes and how they were judged.
 *
 * @param calls      the SDK calls found in the target's code
 * @param evaluation what the calls were judged against; {@link Evaluation#NONE} always comes with a finding for the
 *                   target that says why
 */
public record TargetSummary(String name, int calls, Evaluation evaluation) {

    public TargetSummary {
        // Target names carry stage and function names from configuration files.
        name = dev.iampreflight.core.Printable.escape(name);
    }

    /** How a target's calls were judged. */
    public enum Evaluation {
        /** Evaluated against the target's own policies (identity, boundary, resource policies). */
        POLICY("policy"),
        /** Compared with what Chalice's policy generator will grant (autogen_policy). */
        GENERATOR("generator"),
        /** Not evaluated: the policy lives in AWS or could not be read. */
        NONE("none");

        private final String id;

        Evaluation(String id) {
            this.id = id;
        }

        /** The word used in the JSON report. */
        public String id() {
            return id;
        }
    }

    /** A target whose calls were evaluated against its policies. */
    public TargetSummary(String name, int calls) {
        this(name, calls, Evaluation.POLICY);
    }

    /** The calls that were judged: none when the target could not be evaluated. */
    public int checkedCalls() {
        return evaluation == Evaluation.NONE ? 0 : calls;
    }
}
