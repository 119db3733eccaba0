package dev.iampreflight.eval;

/** Decides requests against policy sets. Implementations are thread-safe. */
public interface Engine {
    Decision evaluate(PolicySet policies, Request request);
}
