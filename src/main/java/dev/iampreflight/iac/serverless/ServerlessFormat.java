package dev.iampreflight.iac.serverless;

import dev.iampreflight.project.DeployFormat;
import dev.iampreflight.project.ProjectOptions;

import java.nio.file.Path;

/** The Serverless Framework as a {@link DeployFormat}: {@code serverless.yml}/{@code serverless.yaml} services. */
public final class ServerlessFormat implements DeployFormat {

    @Override
    public String name() {
        return "serverless";
    }

    @Override
    public String describe() {
        return "a Serverless Framework service file";
    }

    @Override
    public boolean claims(Path file) {
        return ServerlessReader.isServiceFile(file);
    }

    @Override
    public Read read(Path root, Path file, ProjectOptions options) {
        ServerlessReader.Result r = ServerlessReader.read(root, file, options);
        return new Read(r.iac(), r.filesRead());
    }

    @Override
    public boolean ownsFragments() {
        return true;
    }
}
