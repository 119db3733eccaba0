package dev.iampreflight.cli;

import picocli.CommandLine.Option;

/** -v / -q / --no-color, shared by every command. */
public final class VerbosityOptions {

    @Option(names = {"-v", "--verbose"}, description = "Say more (repeat for more); shows stack traces of internal errors.")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, description = "Print only findings and errors.")
    boolean quiet;

    @Option(names = "--no-color", description = "Never colour the output (colour is used only on a terminal; "
            + "the NO_COLOR environment variable also turns it off).")
    boolean noColor;

    public int verbosity() {
        return quiet ? -1 : verbose.length;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean noColor() {
        return noColor;
    }
}
