package dev.iampreflight.config;

import dev.iampreflight.core.SourceLocation;

/**
 * A resource policy that lives outside the project (typically a KMS key policy or bucket policy in another account),
 * declared in the config file so the preflight can evaluate it: the resource's ARN and the JSON/YAML policy file,
 * relative to the config file's directory.
 */
public record DeclaredResourcePolicy(String resource, String file, SourceLocation location) {
}
