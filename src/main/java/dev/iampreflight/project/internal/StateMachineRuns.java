package dev.iampreflight.project.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ECS tasks a Step Functions state machine runs, and with which command: each {@code Task} state whose
 * {@code Resource} is the ECS service integration ({@code arn:aws:states:::ecs:runTask}, {@code .sync},
 * {@code .waitForTaskToken}) names a task definition and may override a container's command in
 * {@code Overrides.ContainerOverrides[].Command}, in {@code Parameters} (JSONPath) or {@code Arguments} (JSONata)
 * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html). The command decides which script of the
 * image runs, so a task's code is what those commands reach. States nested in {@code Parallel} branches and
 * {@code Map} iterators count too.
 */
public final class StateMachineRuns {

    /**
     * One run of a task by a state.
     *
     * @param family    the task definition's family, as the state names it ({@code TaskDefinition} as an ARN, a
     *                  {@code family:revision} or a family)
     * @param container the container whose command the state overrides ({@code {?}} when its name is not known);
     *                  empty when it overrides none
     * @param command   the command it runs there; empty when the state leaves the image's own
     * @param dynamic   the state computes the command at run time ({@code Command.$}, a JSONata expression, an
     *                  unknown value): which script runs is not known
     * @param state     the state's name, for messages
     * @param at        where the state is written
     */
    public record Run(String family, Optional<String> container, Optional<List<String>> command, boolean dynamic,
                      String state, SourceLocation at) {

        /**
         * Whether this run overrides the command of the container {@code name} of a task with {@code containers}
         * container definitions: it names it, or its name is not known, or the task has one container.
         */
        public boolean overrides(Optional<String> name, int containers) {
            return container.isPresent() && (containers == 1 || container.get().contains(SymbolicValue.UNKNOWN)
                    || container.equals(name));
        }
    }

    /**
     * What one container of a task runs when state machines run the task.
     *
     * @param commands the distinct commands, in the runs' order: the one a run overrides the container with, else
     *                 the container's own; empty when no run gives one
     * @param dynamic  the runs that compute its command at run time
     */
    public record ContainerCommands(List<Optional<List<String>>> commands, List<Run> dynamic) {
    }

    /**
     * The commands the container {@code name} (of a task with {@code containers} definitions, whose own command is
     * {@code own}) runs under {@code taskRuns}, the runs of its task.
     */
    public static ContainerCommands commands(List<Run> taskRuns, Optional<String> name, int containers,
                                             Optional<List<String>> own) {
        List<Optional<List<String>>> commands = new ArrayList<>();
        List<Run> dynamic = new ArrayList<>();
        for (Run run : taskRuns) {
            if (!run.overrides(name, containers)) {
                commands.add(own);
            } else if (run.dynamic()) {
                dynamic.add(run);
            } else {
                commands.add(run.command());
            }
        }
        return new ContainerCommands(commands.stream().distinct().toList(), List.copyOf(dynamic));
    }

    private static final Pattern ECS_RUN = Pattern.compile("^arn:[^:]*:states:::ecs:runTask(\\.sync|\\.waitForTaskToken)?$");
    private static final Pattern FAMILY = Pattern.compile("(?:^|:task-definition/)([A-Za-z0-9_-]+)(?::[^:/]*)?$");

    private StateMachineRuns() {
    }

    /** The ECS runs of a state machine definition (the parsed ASL document). */
    public static List<Run> of(Node definition) {
        return of(definition, java.util.Map.of());
    }

    /**
     * The same, with CloudFormation's {@code DefinitionSubstitutions}: each {@code ${key}} in the task definition and
     * the command is the value given.
     */
    public static List<Run> of(Node definition, java.util.Map<String, String> substitutions) {
        List<Run> out = new ArrayList<>();
        Nodes.object(definition).ifPresent(o -> states(o, out));
        if (substitutions.isEmpty()) {
            return out;
        }
        List<Run> subbed = new ArrayList<>();
        for (Run r : out) {
            String family = substitute(r.family(), substitutions);
            subbed.add(new Run(family(family).orElse(family), r.container().map(c -> substitute(c, substitutions)),
                    r.command().map(c -> c.stream().map(w -> substitute(w, substitutions)).toList()), r.dynamic(),
                    r.state(), r.at()));
        }
        return subbed;
    }

    private static String substitute(String s, java.util.Map<String, String> substitutions) {
        String out = s;
        for (var e : substitutions.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** The family a {@code TaskDefinition} value names; empty when part of it is unknown or it is no task name. */
    public static Optional<String> family(String taskDefinition) {
        if (taskDefinition.contains(SymbolicValue.UNKNOWN) && !taskDefinition.contains(":task-definition/")) {
            return Optional.empty();
        }
        String s = taskDefinition.trim();
        int slash = s.indexOf(":task-definition/");
        if (slash >= 0) {
            s = s.substring(slash + ":task-definition/".length());
            int colon = s.indexOf(':');
            s = colon >= 0 ? s.substring(0, colon) : s;
            return s.isEmpty() || s.contains(SymbolicValue.UNKNOWN) ? Optional.empty() : Optional.of(s);
        }
        Matcher m = FAMILY.matcher(s);
        return m.find() && !s.startsWith("arn:") ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static void states(ObjectNode machine, List<Run> out) {
        Nodes.childObject(machine, "States").ifPresent(states -> states.fields().forEach(f -> Nodes.object(f.value())
                .ifPresent(s -> state(f.key(), s, out))));
    }

    private static void state(String name, ObjectNode s, List<Run> out) {
        s.get("Branches").flatMap(Nodes::array).ifPresent(b -> b.items().forEach(x -> Nodes.object(x)
                .ifPresent(o -> states(o, out))));
        Nodes.childObject(s, "Iterator").ifPresent(o -> states(o, out));
        Nodes.childObject(s, "ItemProcessor").ifPresent(o -> states(o, out));
        Optional<String> resource = Nodes.string(s, "Resource");
        if (resource.isEmpty() || !ECS_RUN.matcher(resource.get()).matches()) {
            return;
        }
        Optional<ObjectNode> args = Nodes.childObject(s, "Parameters").or(() -> Nodes.childObject(s, "Arguments"));
        Optional<String> family = args.flatMap(a -> Nodes.string(a, "TaskDefinition"))
                .flatMap(t -> t.matches("\\$\\{[^}]+}") ? Optional.of(t) : family(t));
        if (family.isEmpty()) {
            return; // a task chosen at run time (TaskDefinition.$) or not known: no task of the project to bind
        }
        List<Node> overrides = args.flatMap(a -> Nodes.childObject(a, "Overrides"))
                .flatMap(o -> o.get("ContainerOverrides")).flatMap(Nodes::array).map(ArrayNode::items)
                .orElse(List.of());
        boolean any = false;
        for (Node n : overrides) {
            Optional<ObjectNode> o = Nodes.object(n);
            if (o.isEmpty()) {
                continue;
            }
            // A name not known here stands for any container of the task.
            Optional<String> container = Optional.of(Nodes.string(o.get(), "Name").orElse(SymbolicValue.UNKNOWN));
            if (o.get().get("Command.$").isPresent()) {
                out.add(new Run(family.get(), container, Optional.empty(), true, name, s.location()));
                any = true;
                continue;
            }
            Optional<Node> command = o.get().get("Command");
            if (command.isEmpty()) {
                continue;
            }
            List<String> words = new ArrayList<>();
            boolean known = command.get() instanceof ArrayNode;
            for (Node w : command.get() instanceof ArrayNode a ? a.items() : List.<Node>of()) {
                Optional<String> t = w instanceof ScalarNode sc && !sc.isNull() ? Optional.of(sc.text())
                        : Optional.empty();
                known &= t.isPresent();
                t.ifPresent(words::add);
            }
            boolean dynamic = !known || decidingWords(words).stream().anyMatch(StateMachineRuns::computed);
            out.add(new Run(family.get(), container, dynamic ? Optional.empty() : Optional.of(List.copyOf(words)),
                    dynamic, name, s.location()));
            any = true;
        }
        if (!any) {
            out.add(new Run(family.get(), Optional.empty(), Optional.empty(), false, name, s.location()));
        }
    }

    /**
     * The words that decide which code runs: up to the first that is neither an option nor a Python interpreter
     * ({@code -m pkg.mod} and {@code python main.py} end at the module or script); the arguments after it do not.
     */
    static List<String> decidingWords(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("-") && !w.matches("(?:.*/)?python[0-9.]*")) {
                return words.subList(0, i + 1);
            }
        }
        return words;
    }

    /** A word the state machine computes: unknown to the reader, or a JSONata expression. */
    private static boolean computed(String word) {
        return word.contains(SymbolicValue.UNKNOWN) || word.startsWith("{%");
    }
}
