package dev.iampreflight.eval.bench;

import dev.iampreflight.eval.Decision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The same workloads as {@link EngineBenchmark}, measured in CPU time of the benchmark thread: decisions per
 * CPU-second is "decisions per second on one core" even when the machine is shared and wall-clock scores swing.
 * Prints one line per round and the best and median rounds.
 */
public final class EngineCpuTime {

    private EngineCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        EngineBenchmark b = new EngineBenchmark();
        b.setup();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        long sink = 0;
        double[] single = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            int n = 2_000_000;
            long cpu = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                Decision d = b.decision();
                sink += d.kind().ordinal();
            }
            double perSec = n / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
            if (r >= 0) {
                single[r] = perSec;
                System.out.printf("decision round %d: %,.0f decisions per CPU-second%n", r + 1, perSec);
            }
        }
        double[] unknown = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            int n = 20_000;
            long cpu = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += b.unknownResource().allowedPatterns().size();
            }
            double perSec = n / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
            if (r >= 0) {
                unknown[r] = perSec;
                System.out.printf("unknown-resource round %d: %,.0f decisions per CPU-second%n", r + 1, perSec);
            }
        }
        double[] batch = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            int n = 10;
            long cpu = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += b.batch();
            }
            double perSec = n * 1000 / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
            if (r >= 0) {
                batch[r] = perSec;
                System.out.printf("batch round %d: %,.0f lines per CPU-second%n", r + 1, perSec);
            }
        }
        java.util.Arrays.sort(single);
        java.util.Arrays.sort(batch);
        java.util.Arrays.sort(unknown);
        System.out.printf("unknown-resource: best %,.0f, median %,.0f decisions per CPU-second%n",
                unknown[rounds - 1], unknown[rounds / 2]);
        System.out.printf("decision: best %,.0f, median %,.0f decisions per CPU-second%n", single[rounds - 1],
                single[rounds / 2]);
        System.out.printf("batch: best %,.0f, median %,.0f lines per CPU-second (sink %d)%n", batch[rounds - 1],
                batch[rounds / 2], sink);
    }
}
