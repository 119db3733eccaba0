package dev.iampreflight.core;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * What a deploy target's process environment holds beyond the variables its deploy file sets. When a reader knows a
 * target's whole environment (every variable the deploy file sets, nothing merged from a source it cannot read), the
 * environment map a target's code is resolved with carries {@link #COMPLETE}; a variable that is neither in the map,
 * nor set by the runtime itself, nor written by the project's code is then known to be absent: {@code
 * os.environ['X']} raises {@code KeyError}, {@code os.environ.get('X')} is {@code None}, {@code 'X' in os.environ} is
 * false. Without the marker nothing is known of a variable the map does not hold.
 */
public final class RuntimeEnvironment {

    /**
     * The key that marks an environment map as complete; its value lists, comma-separated, variables that may be
     * present with a value not known (the project's code sets them). No real variable name holds a NUL character.
     */
    public static final String COMPLETE = "\u0000complete";

    /**
     * Variables the Lambda runtime sets whatever the deploy file says (reserved and runtime variables:
     * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime), and the
     * ordinary ones of a Linux process. Names with the prefixes of {@link #RUNTIME_PREFIXES} count as such too.
     */
    private static final Set<String> RUNTIME = Set.of("TZ", "LANG", "PATH", "LD_LIBRARY_PATH", "NODE_PATH", "HOME",
            "PWD", "OLDPWD", "SHLVL", "USER", "HOSTNAME", "TERM", "SHELL", "TMPDIR", "SSL_CERT_FILE", "SSL_CERT_DIR");
    private static final String[] RUNTIME_PREFIXES = {"AWS_", "_", "LAMBDA_", "PYTHON", "LC_"};

    private RuntimeEnvironment() {
    }

    /** {@code env} marked complete, with {@code written} (variables the code sets) as possibly present. */
    public static void markComplete(Map<String, String> env, Set<String> written) {
        env.put(COMPLETE, String.join(",", new java.util.TreeSet<>(written)));
    }

    /** Whether {@code env} is a target's whole environment. */
    public static boolean isComplete(Map<String, String> env) {
        return env.containsKey(COMPLETE);
    }

    /** Whether the variable {@code name} is known to be absent from a target whose environment is {@code env}. */
    public static boolean absent(Map<String, String> env, String name) {
        String written = env.get(COMPLETE);
        if (written == null || env.containsKey(name) || runtime(name)) {
            return false;
        }
        return written.isEmpty() || !Arrays.asList(written.split(",")).contains(name);
    }

    /** Whether the runtime may set {@code name} itself (reserved, runtime and process variables). */
    public static boolean runtime(String name) {
        if (RUNTIME.contains(name)) {
            return true;
        }
        for (String p : RUNTIME_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
