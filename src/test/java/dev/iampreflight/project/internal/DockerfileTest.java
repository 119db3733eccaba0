package dev.iampreflight.project.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerfileTest {

    @TempDir
    Path context;

    private Path write(String rel, String text) throws IOException {
        Path p = context.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Optional<String> entry(String dockerfile) {
        return Dockerfile.parse(List.of(dockerfile.split("\n"))).entry(context).file()
                .map(f -> context.relativize(f).toString().replace('\\', '/'));
    }

    @Test
    void theEntryScriptIsTracedFromWorkdirThroughTheCopiesToTheContext() throws IOException {
        write("src/worker.py", "");
        write("src/pkg/main.py", "");
        assertEquals(Optional.of("src/worker.py"), entry("FROM python:3.12\nWORKDIR /app\nCOPY src/ .\n"
                + "CMD [\"python\", \"worker.py\"]"));
        assertEquals(Optional.of("src/pkg/main.py"), entry("FROM python:3.12\nWORKDIR /app\nCOPY src /app\n"
                + "ENTRYPOINT [\"python3\", \"-u\", \"-m\"]\nCMD [\"pkg.main\"]"));
        assertEquals(Optional.of("src/worker.py"), entry("FROM python:3.12\nCOPY src/worker.py /opt/\n"
                + "CMD python /opt/worker.py"));
    }

    @Test
    void aTaskCommandReplacesTheCmdButNotAnExecEntrypoint() throws IOException {
        write("worker.py", "");
        write("backfill.py", "");
        Dockerfile cmd = Dockerfile.parse(List.of("FROM python:3.12", "WORKDIR /app", "COPY . .",
                "CMD [\"python\", \"worker.py\"]"));
        assertEquals(Optional.of(context.resolve("backfill.py")),
                cmd.withCommand(List.of("python", "backfill.py")).entry(context).file());
        Dockerfile entry = Dockerfile.parse(List.of("FROM python:3.12", "WORKDIR /app", "COPY . .",
                "ENTRYPOINT [\"python\"]", "CMD [\"worker.py\"]"));
        assertEquals(Optional.of(context.resolve("backfill.py")),
                entry.withCommand(List.of("backfill.py")).entry(context).file());
        Dockerfile shell = Dockerfile.parse(List.of("FROM python:3.12", "WORKDIR /app", "COPY . .",
                "ENTRYPOINT python worker.py"));
        assertEquals(Optional.of(context.resolve("worker.py")),
                shell.withCommand(List.of("python", "backfill.py")).entry(context).file());
    }

    @Test
    void pythonMinusMFindsItsModuleOnTheImagesPythonPath() throws IOException {
        write("src/steps/load.py", "print(1)\n");
        String df = "FROM python:3.12\nWORKDIR /app\nCOPY src/ ./src/\nENV PYTHONPATH=\"/app/src\"\n"
                + "ENTRYPOINT [\"python\"]\n";
        Dockerfile d = Dockerfile.parse(List.of(df.split("\n")));
        assertEquals(Optional.of("src/steps/load.py"), d.withCommand(List.of("-m", "steps.load")).entry(context)
                .file().map(f -> context.relativize(f).toString().replace('\\', '/')));
        // Without PYTHONPATH the module is looked for from WORKDIR only, where it is not.
        Dockerfile bare = Dockerfile.parse(List.of(df.replace("ENV PYTHONPATH=\"/app/src\"\n", "").split("\n")));
        assertTrue(bare.withCommand(List.of("-m", "steps.load")).entry(context).file().isEmpty());
    }

    @Test
    void anEntryThatCannotBeReadSaysWhy() throws IOException {
        write("run.sh", "");
        write("worker.py", "");
        Dockerfile shell = Dockerfile.parse(List.of("FROM python:3.12", "COPY . .", "CMD python $SCRIPT"));
        assertTrue(shell.entry(context).why().contains("shell command"), shell.entry(context).why());
        Dockerfile sh = Dockerfile.parse(List.of("FROM python:3.12", "COPY . .", "CMD [\"./run.sh\"]"));
        assertTrue(sh.entry(context).why().contains("does not run a Python script"), sh.entry(context).why());
        Dockerfile missing = Dockerfile.parse(List.of("FROM python:3.12", "WORKDIR /app", "COPY worker.py /srv/",
                "CMD [\"python\", \"worker.py\"]"));
        assertTrue(missing.entry(context).why().contains("not copied"), missing.entry(context).why());
        // An earlier build stage's command and copies are not the deployed image's.
        Dockerfile staged = Dockerfile.parse(List.of("FROM python:3.12 AS build", "COPY . .",
                "CMD [\"python\", \"worker.py\"]", "FROM python:3.12-slim", "COPY --from=build /w /w"));
        assertTrue(staged.entry(context).file().isEmpty());
        assertTrue(staged.copies().isEmpty());
    }

    @Test
    void dockerignoreLeavesFoldersAndPatternsOutWithExceptions() {
        DockerIgnore ignore = DockerIgnore.of(List.of("# comment", "tests/", "**/*.md", "docs", "!docs/keep.md",
                "/build"));
        assertTrue(ignore.excludes("tests"));
        assertTrue(ignore.excludes("tests/test_app.py"));
        assertTrue(ignore.excludes("a/b/readme.md"));
        assertTrue(ignore.excludes("docs/x.txt"));
        assertFalse(ignore.excludes("docs/keep.md"));
        assertTrue(ignore.excludes("build/x.py"));
        assertFalse(ignore.excludes("app.py"));
        assertFalse(ignore.excludes("src/tests/x.py"));
        assertFalse(ignore.excludes(""));
    }

    @Test
    void aCopiedFolderStandsForWhatTheContextKeeps() throws IOException {
        write("app.py", "");
        write("lib/store.py", "");
        write("tests/test_app.py", "");
        write("requirements.txt", "");
        write(".dockerignore", "tests\n");
        Dockerfile d = Dockerfile.parse(List.of("FROM public.ecr.aws/lambda/python:3.12",
                "COPY . ${LAMBDA_TASK_ROOT}", "CMD [\"app.handler\"]"));
        assertEquals(List.of(context.resolve("app.py"), context.resolve("lib")), d.copiedPaths(context));
        assertEquals(Optional.of("app.handler"), d.command());
        Files.delete(context.resolve(".dockerignore"));
        assertEquals(List.of(context), d.copiedPaths(context));
    }
}
