package dev.iampreflight.cli;

import dev.iampreflight.core.Suggestions;
import dev.iampreflight.core.UserException;
import dev.iampreflight.report.RuleCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code iam-preflight rules [ID]}: lists the rules, or prints one rule's documentation. */
@Command(name = "rules", description = "List the rules, or show the documentation of one rule.",
        mixinStandardHelpOptions = true)
public final class RulesCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A rule id such as IAM1001.")
    String id;

    @Override
    protected ExitCode execute() {
        PrintWriter out = console().out();
        if (id == null) {
            for (RuleCatalog.Entry r : RuleCatalog.all()) {
                out.printf("%-8s %-8s %-30s %s%n", r.id(), r.severity().label(), r.ruleName(), r.summary());
            }
        } else {
            Optional<RuleCatalog.Entry> rule = RuleCatalog.byId(id.trim());
            if (rule.isEmpty()) {
                List<String> ids = new ArrayList<>();
                for (RuleCatalog.Entry r : RuleCatalog.all()) {
                    ids.add(r.id());
                }
                throw new UserException("no rule '" + id + "'" + Suggestions.didYouMean(id, ids)
                        + "; 'iam-preflight rules' lists them");
            }
            RuleCatalog.Entry r = rule.get();
            out.println(console().style(Console.BOLD, r.id() + " " + r.ruleName()) + " (" + r.severity().label() + ")");
            out.println(r.summary());
            out.println();
            out.println(r.description());
            r.helpUri().ifPresent(u -> {
                out.println();
                out.println("Documentation: " + u);
            });
        }
        out.flush();
        return ExitCode.OK;
    }
}
