package dev.iampreflight.cli;

/** Report formats. Lower-case constants so picocli accepts and lists them as users type them. */
public enum OutputFormat {
    text, json, sarif, github, junit, markdown, policy
}
