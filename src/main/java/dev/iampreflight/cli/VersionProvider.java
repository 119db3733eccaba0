package dev.iampreflight.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven filtered into {@code version.properties} ({@link dev.iampreflight.core.BuildInfo}). */
final class VersionProvider implements IVersionProvider {

    static String version() {
        return dev.iampreflight.core.BuildInfo.property("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[]{"iam-preflight " + version(), "Java " + System.getProperty("java.version")};
    }
}
