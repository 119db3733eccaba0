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
}
