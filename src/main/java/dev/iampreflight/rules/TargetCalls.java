package dev.iampreflight.rules;

import dev.iampreflight.code.SdkCall;
import dev.iampreflight.project.DeployTarget;

import java.util.List;

/**
 * The SDK calls the code of one deploy target makes, as {@code check} attributes them. The incident lints ask for them
 * (a function in a private subnet needs an endpoint for each service it calls); {@code check}'s {@code TargetCode}
 * answers, so that the lint rules do not depend on the command that runs them.
 */
@FunctionalInterface
public interface TargetCalls {

    List<SdkCall> of(DeployTarget target);
}
