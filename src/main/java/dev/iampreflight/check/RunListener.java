package dev.iampreflight.check;

import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.Project;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a preflight run reads and how far it has got, told as it happens: the cli shows it with {@code -v} and as a
 * progress line on a terminal. {@link Preflight} stays silent; every method does nothing unless overridden.
 */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /** The configuration file the run uses (empty when there is none). */
    default void configuration(Optional<Path> file) {
    }

    /** Discovery is done: the deploy files it read, with the reader and why. */
    default void discovered(List<Project.Read> reads) {
    }

    /** The targets about to be checked (after --target and the configuration's targets). */
    default void targets(List<DeployTarget> targets) {
    }

    /**
     * One more target checked: {@code checked} of {@code total}, and how many Python files the run has parsed so far.
     */
    default void targetChecked(DeployTarget target, int checked, int total, int filesParsed) {
    }
}
