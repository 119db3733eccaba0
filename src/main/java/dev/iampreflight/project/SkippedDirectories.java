package dev.iampreflight.project;

import java.util.Set;

/**
 * Directories no reader and no walk of a project searches: dependencies, virtualenvs, tool state and build output.
 * It lives with the target model, below the readers, because discovery and every reader that walks a folder of its
 * own (a function's code, a Dockerfile's context, a Serverless service) must skip the same ones.
 */
public final class SkippedDirectories {

    /** The directory names skipped wherever they occur below the folder being walked. */
    public static final Set<String> NAMES = Set.of("node_modules", ".venv", "venv", ".terraform", ".git",
            ".aws-sam", ".serverless", "cdk.out", "build", "dist", "target", "__pycache__", ".idea", ".mypy_cache", ".pytest_cache",
            ".tox");

    private SkippedDirectories() {
    }

    /** True when a directory of this name is never searched. */
    public static boolean contains(String name) {
        return NAMES.contains(name);
    }
}
