package dev.iampreflight.eval;

import dev.iampreflight.core.SourceLocation;

/**
 * One element of a statement checked against the request: {@code element} is Action, NotAction, Resource,
 * NotResource, Principal, NotPrincipal or a condition ({@code Condition StringEquals aws:username}); {@code detail}
 * says which values were compared.
 */
public record ElementCheck(String element, boolean matched, String detail, SourceLocation location) {
}
