package dev.iampreflight.code.python;

import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which files a scan parses: only the target's code roots when given (a repository with a committed virtualenv of
 * 1,000 files beside a one-file app once took over a minute), never a virtualenv or installed packages.
 */
class ScanScopeTest {

    private static final String CALL = "import boto3\nboto3.client('s3').put_object(Bucket='b', Key='k', Body=b'')\n";

    @Test
    void onlyTheCodeRootsAreParsedAndVirtualenvsNever(@TempDir Path root) throws Exception {
        write(root.resolve("app.py"), CALL);
        write(root.resolve("chalicelib/db.py"), CALL);
        write(root.resolve("scripts/seed.py"), CALL);
        write(root.resolve("lib/python3.9/site-packages/botocore/client.py"), CALL);
        write(root.resolve("env/pyvenv.cfg"), "home = /usr/bin\n");
        write(root.resolve("env/lib/helper.py"), CALL);
        write(root.resolve("chalicelib/.venv2/pyvenv.cfg"), "home = /usr/bin\n");
        write(root.resolve("chalicelib/.venv2/x.py"), CALL);
        // pip install -t chalicelib: the installed distribution is third-party; the app's own module beside it is not.
        write(root.resolve("chalicelib/requests/api.py"), CALL);
        write(root.resolve("chalicelib/six.py"), CALL);
        write(root.resolve("chalicelib/requests-2.31.0.dist-info/top_level.txt"), "requests\n");
        write(root.resolve("chalicelib/six-1.16.0.dist-info/RECORD"), "six.py,sha256=x,100\nsix-1.16.0.dist-info/METADATA,,\n");
        PythonScanner scanner = new PythonScanner(List.of(), (s, o) -> o.equals("put_object"), 2);

        ScanResult only = scanner.scan(root, List.of("app.py", "chalicelib"));
        assertEquals(2, only.filesScanned());
        assertEquals(List.of("app.py", "chalicelib/db.py"), only.calls().stream()
                .map(c -> c.location().file()).toList());

        ScanResult all = scanner.scan(root);
        assertEquals(List.of("app.py", "chalicelib/db.py", "scripts/seed.py"), all.calls().stream()
                .map(c -> c.location().file()).toList(), "site-packages and virtualenvs are third-party code");
    }

    private static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /**
     * The callback family that took minutes (each apply_i passes its callback on, so every parameter joins every
     * other): the analysis finishes and still finds the call. Not a timing test: a regression shows as a hang.
     */
    @Test
    void callbacksPassedThroughManyFunctionsAreFollowedWithoutBlowingUp() {
        StringBuilder src = new StringBuilder("import boto3\ns3 = boto3.client('s3')\n");
        int n = 40;
        for (int i = 0; i < n; i++) {
            src.append("def apply_").append(i).append("(fn, x):\n    return ")
                    .append(i + 1 < n ? "apply_" + (i + 1) + "(fn, fn(x))" : "fn(x)").append("\n");
        }
        src.append("def put(k):\n    return s3.put_object(Bucket='b', Key=k, Body=b'')\n");
        src.append("def handler(event, context):\n");
        for (int i = 0; i < n; i++) {
            src.append("    apply_").append(i).append("(put, event['k'])\n");
        }
        ScanResult r = new PythonScanner(List.of(), (s, o) -> o.equals("put_object"), 2)
                .scanSources(java.util.Map.of("app.py", src.toString()));
        assertEquals(List.of("put_object"), r.calls().stream().map(SdkCall::operation).toList());
    }
}
