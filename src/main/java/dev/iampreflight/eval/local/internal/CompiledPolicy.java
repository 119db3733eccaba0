package dev.iampreflight.eval.local.internal;

import dev.iampreflight.policy.PolicyDocument;
import dev.iampreflight.policy.Statement;

import java.util.ArrayList;
import java.util.List;

/** A policy document compiled once and shared by every evaluation (immutable, thread-safe). */
public final class CompiledPolicy {

    public final PolicyDocument document;
    public final List<CompiledStatement> statements;

    private CompiledPolicy(PolicyDocument document, List<CompiledStatement> statements) {
        this.document = document;
        this.statements = List.copyOf(statements);
    }

    public static CompiledPolicy compile(PolicyDocument doc) {
        boolean substitute = doc.substitutesVariables();
        List<CompiledStatement> out = new ArrayList<>();
        for (Statement s : doc.statements()) {
            out.add(new CompiledStatement(s, substitute));
        }
        return new CompiledPolicy(doc, out);
    }

    public String name() {
        return document.name();
    }
}
