package dev.iampreflight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * --format and --output, shared by commands that print a report. Each command mixes in the subclass of the formats it
 * produces, so that its help lists those and an unsupported one is rejected naming them (a single shared option
 * listed every format for every command, and {@code scan --format sarif} was only refused after parsing).
 */
public abstract class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;

    public abstract OutputFormat format();

    public Optional<Path> output() {
        return Optional.ofNullable(output);
    }

    /** check: the report formats. */
    public static final class Report extends OutputOptions {
        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
                converter = ReportFormats.class, completionCandidates = ReportFormats.class,
                description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        OutputFormat format = OutputFormat.text;

        @Override
        public OutputFormat format() {
            return format;
        }
    }

    /** scan: text, JSON, or a least-privilege policy. */
    public static final class Scan extends OutputOptions {
        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
                converter = ScanFormats.class, completionCandidates = ScanFormats.class,
                description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        OutputFormat format = OutputFormat.text;

        @Override
        public OutputFormat format() {
            return format;
        }
    }

    /** targets, simulate, explain: text or JSON. */
    public static final class Plain extends OutputOptions {
        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
                converter = PlainFormats.class, completionCandidates = PlainFormats.class,
                description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        OutputFormat format = OutputFormat.text;

        @Override
        public OutputFormat format() {
            return format;
        }
    }

    /** A command's formats: picocli's completion candidates (help, shell completion) and the converter. */
    abstract static class Supported implements CommandLine.ITypeConverter<OutputFormat>, Iterable<String> {
        private final List<OutputFormat> formats;

        Supported(OutputFormat... formats) {
            this.formats = List.of(formats);
        }

        @Override
        public Iterator<String> iterator() {
            return formats.stream().map(Enum::name).iterator();
        }

        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : formats) {
                if (f.name().equals(value.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            boolean elsewhere = java.util.Arrays.stream(OutputFormat.values())
                    .anyMatch(f -> f.name().equals(value.toLowerCase(Locale.ROOT)));
            throw new CommandLine.TypeConversionException("'" + dev.iampreflight.core.Printable.escape(value) + "' is "
                    + (elsewhere ? "not a format of this command" : "not a format") + "; this command supports "
                    + String.join(", ", this));
        }
    }

    public static final class ReportFormats extends Supported {
        public ReportFormats() {
            super(OutputFormat.text, OutputFormat.json, OutputFormat.sarif, OutputFormat.github, OutputFormat.junit,
                    OutputFormat.markdown);
        }
    }

    public static final class ScanFormats extends Supported {
        public ScanFormats() {
            super(OutputFormat.text, OutputFormat.json, OutputFormat.policy);
        }
    }

    public static final class PlainFormats extends Supported {
        public PlainFormats() {
            super(OutputFormat.text, OutputFormat.json);
        }
    }
}
