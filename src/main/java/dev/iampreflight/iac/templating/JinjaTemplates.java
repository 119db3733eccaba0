package dev.iampreflight.iac.templating;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.random.RandomNumberGeneratorStrategy;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.InfraRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a Jinja template ({@code template.yml.j2}, {@code policy.json.jinja}) with HubSpot's Jinjava, as the
 * project's build would, so that the CloudFormation/SAM reader can read what gets deployed. Variables come from
 * {@code template-vars}; any other variable is unknown and renders as {@value SymbolicValue#UNKNOWN} (quoted where
 * YAML or JSON needs a value), with a note that lists them. Sandboxed: {@code include}/{@code import}/
 * {@code extends} read nothing (no file system), nothing touches the network, and the output size, loop ranges,
 * recursion and render time are bounded; a template past a bound gives a located warning, never a hang.
 */
public final class JinjaTemplates {

    /** File name endings of Jinja templates. */
    public static final List<String> ENDINGS = List.of(".j2", ".jinja2", ".jinja");

    /** The largest rendered text kept: CloudFormation's own template limit is 1 MB. */
    static final long MAX_OUTPUT_CHARS = 2L * 1024 * 1024;
    /**
     * CPU time of the rendering thread allowed for one template; a template is text, so this is generous. CPU time,
     * not wall time, so that a busy machine (a CI runner sharing its cores) does not turn a valid template into an
     * unrendered one; a wall-clock backstop of {@link #BACKSTOP_MILLIS} ends a single node that runs long.
     */
    static final long MAX_RENDER_MILLIS = 5_000;
    static final long BACKSTOP_MILLIS = 30_000;

    /** Stands for an unknown value while rendering; replaced by {@code {?}} (quoted where needed) afterwards. */
    static final String SENTINEL = "\u0001?\u0001";

    private JinjaTemplates() {
    }

    /** Whether a (lower-case) file name is a Jinja template. */
    public static boolean isJinja(String lowerName) {
        return ENDINGS.stream().anyMatch(lowerName::endsWith);
    }

    /** The name the rendered file would have: {@code template.yml.j2} gives {@code template.yml}. */
    public static String renderedName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String e : ENDINGS) {
            if (lower.endsWith(e)) {
                return name.substring(0, name.length() - e.length());
            }
        }
        return name;
    }

    /**
     * The rendered text (absent when it could not be rendered), the findings of rendering, the variables that were
     * unknown, and the map from a location in the rendered text to the template line it came from (line 0, "the
     * file", when no template line matches it).
     */
    public record Rendered(Optional<String> text, List<Finding> findings, Set<String> unknown,
                           UnaryOperator<SourceLocation> relocate) {
        public Rendered {
            findings = List.copyOf(findings);
            unknown = java.util.Collections.unmodifiableSet(new TreeSet<>(unknown));
        }
    }

    /** Renders {@code source}; {@code json} says whether the rendered text is JSON (else YAML), for quoting unknowns. */
    public static Rendered render(String source, String displayName, Map<String, String> vars, boolean json) {
        Set<String> unknown = java.util.Collections.synchronizedSet(new TreeSet<>());
        long budget = TimeUnit.MILLISECONDS.toNanos(MAX_RENDER_MILLIS);
        // The render thread's CPU time when it started (set by the first node), and whether the budget ran out.
        java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicBoolean overBudget = new java.util.concurrent.atomic.AtomicBoolean();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withMaxOutputSize(MAX_OUTPUT_CHARS)
                .withMaxStringLength(MAX_OUTPUT_CHARS)
                .withMaxListSize(100_000)
                .withMaxMapSize(100_000)
                .withRangeLimit(10_000)
                .withMaxRenderDepth(20)
                .withMaxMacroRecursionDepth(20)
                .withEnableRecursiveMacroCalls(false)
                .withFailOnUnknownTokens(false)
                .withRandomNumberGeneratorStrategy(RandomNumberGeneratorStrategy.CONSTANT_ZERO)
                // Called before every node is rendered, loop bodies included: the render-time bound.
                .withNodePreProcessor((node, interpreter) -> {
                    long now = renderTime();
                    if (started.get() < 0) {
                        started.set(now);
                    } else if (now - started.get() > budget) {
                        overBudget.set(true);
                        throw new RenderTimeout();
                    }
                })
                .build();
        Jinjava jinjava = new Jinjava(config);
        // No file system: include/import/from/extends find nothing (the default reads the class path).
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new ResourceNotFoundException("templates are rendered without access to other files: '" + name
                    + "'");
        });
        jinjava.getGlobalContext().setDynamicVariableResolver(name -> {
            unknown.add(name);
            return SENTINEL;
        });
        List<Finding> findings = new ArrayList<>();
        UnaryOperator<SourceLocation> relocate = UnaryOperator.identity();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jinja-render");
            t.setDaemon(true);
            return t;
        });
        RenderResult result;
        try {
            Map<String, Object> bindings = new java.util.LinkedHashMap<>();
            // true/false are booleans, so that {% if with_queue %} with "with_queue: false" is false as in YAML.
            vars.forEach((k, v) -> bindings.put(k, v.equals("true") || v.equals("false") ? Boolean.valueOf(v) : v));
            Future<RenderResult> f = pool.submit(() -> jinjava.renderForResult(source, bindings));
            // The node hook ends a long render; this wait is the backstop for a single node that runs long.
            result = f.get(BACKSTOP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failed(displayName, 0, "could not be rendered within " + BACKSTOP_MILLIS / 1000 + " s (a loop "
                    + "that never ends, or one too long to be a template); its policies are not checked", unknown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(displayName, 0, "rendering was interrupted", unknown);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return failed(displayName, 0, c instanceof RenderTimeout ? "could not be rendered within "
                    + MAX_RENDER_MILLIS / 1000 + " s (a loop that never ends, or one too long to be a template); its "
                    + "policies are not checked" : "could not be rendered (" + c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + firstLine(c.getMessage())) + ")", unknown);
        } finally {
            pool.shutdownNow();
        }
        boolean timedOut = overBudget.get();
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() != TemplateError.ErrorType.FATAL) {
                continue;
            }
            String why = timedOut ? "could not be rendered within " + MAX_RENDER_MILLIS / 1000 + " s (a loop that "
                    + "never ends, or one too long to be a template)" : "could not be rendered: "
                    + firstLine(String.valueOf(e.getMessage()));
            findings.add(new Finding(InfraRules.JINJA_NOT_RENDERED, Severity.WARNING, "'" + displayName + "' " + why
                    + "; its policies are not checked", new SourceLocation(displayName, Math.max(e.getLineno(), 0),
                    0)));
            return new Rendered(Optional.empty(), findings, unknown, relocate);
        }
        if (result.getOutput() == null) {
            return failed(displayName, 0, "could not be rendered", unknown);
        }
        String out = quoteUnknowns(result.getOutput(), json);
        relocate = LineMap.of(source, out);
        if (!unknown.isEmpty()) {
            findings.add(new Finding(InfraRules.JINJA_UNKNOWN_VARIABLES, Severity.NOTE, "'" + displayName
                    + "' is rendered with " + (unknown.size() == 1 ? "an unknown variable" : unknown.size()
                    + " unknown variables") + " (" + String.join(", ", unknown) + "), read as " + SymbolicValue.UNKNOWN
                    + "; a condition on one is decided as if its value were the text " + SymbolicValue.UNKNOWN
                    + ". Give their values in .iam-preflight.yml under template-vars (per stage under "
                    + "template-vars.stages)", SourceLocation.of(displayName)));
        }
        return new Rendered(Optional.of(out), findings, unknown, relocate);
    }

    private static Rendered failed(String displayName, int line, String why, Set<String> unknown) {
        return new Rendered(Optional.empty(), List.of(new Finding(InfraRules.JINJA_NOT_RENDERED, Severity.WARNING,
                "'" + displayName + "' " + why, new SourceLocation(displayName, line, 0))), unknown,
                UnaryOperator.identity());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final Pattern YAML_VALUE_START = Pattern.compile(
            "^(\\s*(?:-\\s+)*(?:[^\\s#'\"{\\[][^#]*?:\\s+)?(?:-\\s+)*)(" + Pattern.quote(SENTINEL) + "[^#]*?)\\s*$");

    /**
     * Replaces the unknown marker: in JSON, outside a string it becomes the string {@code "{?}"} (a value); in YAML, a
     * plain value that would start with {@code {?}} (a flow mapping to YAML) is quoted. Elsewhere it is {@code {?}}.
     */
    static String quoteUnknowns(String text, boolean json) {
        if (!text.contains(SENTINEL)) {
            return text;
        }
        String u = SymbolicValue.UNKNOWN;
        if (json) {
            StringBuilder b = new StringBuilder(text.length());
            boolean inString = false;
            for (int i = 0; i < text.length(); i++) {
                if (text.startsWith(SENTINEL, i)) {
                    b.append(inString ? u : "\"" + u + "\"");
                    i += SENTINEL.length() - 1;
                    continue;
                }
                char c = text.charAt(i);
                if (inString && c == '\\' && i + 1 < text.length()) {
                    b.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    inString = !inString;
                }
                b.append(c);
            }
            return b.toString();
        }
        StringBuilder b = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            Matcher m = YAML_VALUE_START.matcher(line);
            if (m.matches() && !m.group(2).contains("'")) {
                line = m.group(1) + "'" + m.group(2) + "'";
            }
            b.append(line.replace(SENTINEL, u)).append('\n');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    /** The current thread's CPU time, or the wall clock where the JVM cannot measure it. */
    private static long renderTime() {
        java.lang.management.ThreadMXBean threads = Threads.MX;
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /**
     * The thread MX bean, made on the first render: discovery asks {@link #isJinja} of every file name, and making the
     * bean (the management library and its providers) cost every check ~13 ms of a cold start.
     */
    private static final class Threads {
        static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();
    }

    /** Thrown by the node hook when the render time is up. */
    private static final class RenderTimeout extends RuntimeException {
        RenderTimeout() {
            super("render time limit", null, false, false);
        }
    }
}
