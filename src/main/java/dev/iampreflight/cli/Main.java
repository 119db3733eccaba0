package dev.iampreflight.cli;

import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.core.UserException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code iam-preflight} root command. {@code main} is {@code System.exit(run(args))}; tests call {@link #run}.
 */
@Command(name = "iam-preflight",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Stops IAM permission bugs before deploy: finds the AWS SDK calls in an app's code, the policies "
                + "its deploy files give it, and reports every permission the code needs that the policies deny.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no finding at or above --fail-on (or the request is allowed)",
                "1:findings at or above --fail-on (or the request is denied)",
                "2:usage error or unusable input (nothing could be checked)",
                "3:internal error: a bug in iam-preflight; please report it"},
        footer = {"%nRun 'iam-preflight COMMAND --help' for a command's options."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("check") || args[0].equals("scan"))) {
            // What the Python scan reads first is read on the other core while picocli builds the command's model.
            Thread warm = new Thread(PythonScanner::warmUp, "iam-preflight-warm-up");
            warm.setDaemon(true);
            warm.start();
        }
        System.exit(run(args));
    }

    /** Runs the CLI with the process's standard streams. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // The launcher says whether standard error is a terminal (`[ -t 2 ]`): Java cannot tell for that stream.
        return run(out, err, System.console() != null, Boolean.getBoolean("iam-preflight.stderr.terminal"), args);
    }

    /**
     * Runs the CLI with the given streams; {@code terminal} says whether output goes to a terminal (colour is used only
     * then, and never with --no-color or NO_COLOR).
     */
    public static int run(PrintWriter out, PrintWriter err, boolean terminal, String... args) {
        return run(out, err, terminal, false, args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, boolean, String...)}; {@code errTerminal}: stderr is a terminal. */
    static int run(PrintWriter out, PrintWriter err, boolean terminal, boolean errTerminal, String... args) {
        ERR_TERMINAL.set(errTerminal);
        CommandLine cl = commandLine(out, err, terminal, args);
        cl.setExecutionExceptionHandler(exceptionHandler(verboseRequested(args)));
        cl.setParameterExceptionHandler(Main::usageError);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The subcommands, in the order help lists them. Each is built only when needed: picocli reflects over every
     * option of every command it is given, which is most of a cold start, so a run of one command builds only
     * that one (help, completion and mistakes get them all).
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("check", CheckCommand::new);
        m.put("lint", LintCommand::new);
        m.put("scan", ScanCommand::new);
        m.put("targets", TargetsCommand::new);
        m.put("simulate", SimulateCommand::new);
        m.put("explain", ExplainCommand::new);
        m.put("rules", RulesCommand::new);
        m.put("init", InitCommand::new);
        m.put("generate-completion", AutoComplete.GenerateCompletion::new);
        return m;
    }

    static boolean verboseRequested(String... args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.matches("-v+"));
    }

    /**
     * The one place where an exception becomes output: a {@link UserException} is a one-line error and exit 2;
     * anything else is a bug, reported in one line (the stack trace only with -v) with exit 3.
     */
    static CommandLine.IExecutionExceptionHandler exceptionHandler(boolean verbose) {
        return (ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof UserException) {
                e.println("iam-preflight: error: " + dev.iampreflight.core.Printable.escape(ex.getMessage()));
                e.flush();
                return ExitCode.USAGE.code();
            }
            e.println("iam-preflight: internal error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage()))
                    + (verbose ? "" : " (run with -v for details; please report this)"));
            if (verbose) {
                ex.printStackTrace(e);
            }
            e.flush();
            return ExitCode.INTERNAL.code();
        };
    }

    /**
     * A usage mistake: the reason, picocli's suggestions for a misspelt option, then a one-line usage and where the
     * full help is, instead of the whole help (which pushed the reason off the screen).
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        PrintWriter e = c.getErr();
        e.println("iam-preflight: error: " + dev.iampreflight.core.Printable.escape(ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
        e.println(shortUsage(c.getCommandSpec()));
        e.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
        e.flush();
        return ExitCode.USAGE.code();
    }

    /** {@code Usage: iam-preflight check [OPTIONS] [DIR]}: the command and its positional parameters. */
    static String shortUsage(CommandLine.Model.CommandSpec spec) {
        StringBuilder b = new StringBuilder("Usage: ").append(spec.qualifiedName());
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            b.append(" COMMAND");
        }
        b.append(" [OPTIONS]");
        for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
            String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
            b.append(' ').append(p.arity().min() == 0 ? "[" + label + "]" : label);
        }
        return b.toString();
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean terminal, String... args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        // The completion script describes every command, so it needs them all; the version alone needs none.
        if (COMMANDS.containsKey(first) && !first.equals("generate-completion")) {
            cl.addSubcommand(first, COMMANDS.get(first).get());
        } else if (!versionOnly(args)) {
            COMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                colorAllowed(terminal, System.getenv()) ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        // The one place exceptions become exit codes: usage mistakes and user errors are 2, anything else is a bug.
        cl.setExitCodeExceptionMapper(ex -> ex instanceof UserException || ex instanceof CommandLine.ParameterException
                ? ExitCode.USAGE.code() : ExitCode.INTERNAL.code());
        TERMINAL.set(terminal);
        return cl;
    }

    /**
     * {@code iam-preflight --version} (or {@code -V}) and nothing else: the root command answers it, and building
     * the eight subcommands' models for it was most of its start-up (docs/performance.md, "End to end").
     */
    static boolean versionOnly(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    private static final ThreadLocal<Boolean> TERMINAL = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> ERR_TERMINAL = ThreadLocal.withInitial(() -> false);

    /** What a check says on stderr as it goes: -v's account of what it reads, a progress line on a terminal. */
    static RunNarrator narrator(CommandLine cl, VerbosityOptions v) {
        return new RunNarrator(cl.getErr(), v.verbosity() > 0,
                RunNarrator.progressAllowed(ERR_TERMINAL.get(), v.quiet(), System.getenv()), System::nanoTime);
    }

    static Console console(CommandLine cl, VerbosityOptions v) {
        boolean color = colorAllowed(TERMINAL.get(), System.getenv()) && !v.noColor();
        return new Console(cl.getOut(), cl.getErr(), color);
    }

    /**
     * Colour only on a terminal that can show it: never with NO_COLOR set to anything but the empty string
     * (https://no-color.org) or on a terminal that says it has no capabilities ({@code TERM=dumb}, e.g. an editor's
     * output pane).
     */
    static boolean colorAllowed(boolean terminal, java.util.Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
