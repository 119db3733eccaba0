package dev.iampreflight.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** --format and --output, shared by commands that print a report. Each command says which formats it supports. */
public final class OutputOptions {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES}. Not every command supports every format.")
    OutputFormat format = OutputFormat.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;

    public OutputFormat format() {
        return format;
    }

    public Optional<Path> output() {
        return Optional.ofNullable(output);
    }
}
