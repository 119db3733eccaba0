package dev.iampreflight.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.iampreflight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14: a CodeUri that names no folder of the project (the file system's root, a folder outside the project,
 * a missing folder, a file, a value of the wrong type) is a located finding on the CodeUri line, never "0 calls
 * checked" with exit 0, and nothing outside the project is read.
 */
class OddCodeUriTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "CodeUri: {0}")
    @ValueSource(strings = {"/", "/etc", "../outside", "missing/", "~/", "src/app.py", "3", "[a, b]", "\"\"",
            "\"  \""})
    void aCodeUriThatIsNoFolderOfTheProjectIsALocatedFinding(String codeUri) throws Exception {
        Path project = dir.resolve("p");
        Files.createDirectories(project.resolve("src"));
        Files.createDirectories(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/app.py"), "import boto3\ndef handler(e, c):\n"
                + "    boto3.client('sqs').send_message(QueueUrl='q', MessageBody='b')\n");
        Files.writeString(project.resolve("src/app.py"), "import boto3\ndef handler(e, c):\n"
                + "    boto3.client('s3').get_object(Bucket='b', Key='k')\n");
        Files.writeString(project.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: app.handler
                      Runtime: python3.12
                """.formatted(codeUri));
        CliRun r = run("check", project.toString());
        assertTrue(r.out().contains("template.yaml:6:"), r.out() + r.err());
        assertTrue(r.out().contains("CodeUri"), r.out() + r.err());
        assertFalse(r.out().contains("sqs:SendMessage"), "read code outside the project:\n" + r.out());
        assertFalse(r.err().contains("internal error"), r.err());
    }
}
