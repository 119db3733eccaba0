package dev.iampreflight.report;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.fix.Fixes;
import dev.iampreflight.fix.PolicyFixer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints how long each reporter takes on a large report, and the fixer on a large policy. Not a test: run it with
 * {@code ./mvnw -q -o test-compile exec:java -Dexec.mainClass=dev.iampreflight.report.ReportBenchmark
 * -Dexec.classpathScope=test}. Each figure is the median of 15 runs after 10 warm-up runs, in one JVM.
 */
public final class ReportBenchmark {

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<Finding> findings = new ArrayList<>();
        List<TargetSummary> targets = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            targets.add(new TargetSummary("chalice:dev:fn" + t, n / 100 + 5));
        }
        for (int i = 0; i < n; i++) {
            String target = "chalice:dev:fn" + (i % 100);
            String resource = "arn:aws:dynamodb:us-east-1:123456789012:table/t" + i;
            findings.add(new Finding("IAM1001", i % 7 == 0 ? Severity.WARNING : Severity.ERROR,
                    "dynamodb:PutItem on '" + resource + "' is denied for " + target + ": no statement allows it",
                    new SourceLocation("src/m" + (i % 50) + ".py", i % 400 + 1, 5),
                    List.of(new RelatedLocation(new SourceLocation(".chalice/policy-dev.json", 3, 3), "policy")))
                    .withTarget(target).withRequest("dynamodb:PutItem", resource)
                    .withFix(Fixes.allow("allow", List.of("dynamodb:PutItem"), List.of(resource),
                            Optional.of(".chalice/policy-dev.json"))));
        }
        Report report = new Report(findings, targets, Path.of("/work/project"));
        ReportOptions options = new ReportOptions(false, "0.1.0", Map.of());
        System.out.printf("%d findings in %d targets%n", n, targets.size());
        for (String name : Reporters.NAMES) {
            Reporter r = Reporters.byName(name).orElseThrow();
            long[] times = new long[15];
            int size = 0;
            for (int i = 0; i < 10 + times.length; i++) {
                long t0 = System.nanoTime();
                size = r.render(report, options).length();
                if (i >= 10) {
                    times[i - 10] = System.nanoTime() - t0;
                }
            }
            java.util.Arrays.sort(times);
            System.out.printf("  %-9s %8.1f ms  %,12d chars%n", name, times[times.length / 2] / 1e6, size);
        }

        // The fixer on a policy of 200 statements, adding 500 permissions.
        StringBuilder policy = new StringBuilder("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        for (int i = 0; i < 200; i++) {
            policy.append("    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"s3:GetObject\"\n      ],\n")
                    .append("      \"Resource\": \"arn:aws:s3:::b").append(i).append("/*\"\n    }")
                    .append(i < 199 ? ",\n" : "\n");
        }
        policy.append("  ]\n}\n");
        List<PolicyFixer.Permission> wanted = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            wanted.add(new PolicyFixer.Permission("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:1:table/t" + i));
        }
        long[] times = new long[15];
        for (int i = 0; i < 10 + times.length; i++) {
            long t0 = System.nanoTime();
            PolicyFixer.plan(Path.of("p.json"), "p.json", policy.toString(), wanted);
            if (i >= 10) {
                times[i - 10] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(times);
        System.out.printf("  fixer: 200-statement policy (%,d chars), 500 permissions: %.1f ms%n", policy.length(),
                times[times.length / 2] / 1e6);
    }
}
