package dev.iampreflight.config;

import dev.iampreflight.core.SourceLocation;

import java.util.Map;

/**
 * A function of the user's own code (or a library) that makes an AWS call the scanner cannot see through, e.g.
 * {@code mylib.params.load} calling SSM {@code GetParametersByPath}. {@code arguments} maps the SDK operation's
 * parameter names to where their value comes from in a call of the wrapper: a parameter name or 0-based position of
 * the wrapper ({@code path}, {@code 0}), or a quoted literal ({@code "'/app/prod'"}).
 */
public record SdkWrapper(String function, String service, String operation, Map<String, String> arguments,
                         SourceLocation location) {

    public SdkWrapper {
        arguments = Map.copyOf(arguments);
    }
}
