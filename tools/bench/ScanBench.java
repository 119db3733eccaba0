import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.iamdata.KnowledgeBase;

import java.nio.file.Path;
import java.util.List;

/**
 * In-process scanner throughput: scans DIR a few times (the first run warms the JIT) and prints files/s per run.
 * Run by tools/bench/scanner-bench.sh through Java's single-file source launcher.
 */
public class ScanBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        PythonScanner scanner = PythonScanner.withKnowledgeBase(KnowledgeBase.bundled(), List.of());
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int i = 1; i <= runs; i++) {
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            ScanResult r = scanner.scan(dir);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            // Wall-clock figures depend on what else runs on the machine; CPU seconds are the steadier figure.
            System.out.printf("run %d: %d files, %d calls, %.2f s wall (%.0f files/s), %.2f s CPU (%.0f files per "
                            + "CPU-second), load average %.1f%n", i, r.filesScanned(), r.calls().size(), s,
                    r.filesScanned() / s, cpu, r.filesScanned() / cpu, os.getSystemLoadAverage());
        }
    }
}
