package dev.iampreflight.project;

import java.nio.file.Path;
import java.util.Set;

/**
 * One deploy format read from files of its own (a Serverless Framework service file, say). A new format is a reader
 * package under {@code iac} that implements this interface, registered in {@code discovery.DeployFormats}: discovery
 * walks the project once, hands each file the format {@link #claims claims} to {@link #read}, and keeps the files a
 * read pulled in ({@link Read#filesRead}, for example a fragment included with {@code ${file(...)}}) from being read
 * again as templates of their own.
 *
 * <p>The interface sits in the target model, below the readers, so that the dependencies run one way: the model,
 * then the readers (which produce {@link IacResult}s), then discovery (which calls them).
 */
public interface DeployFormat {

    /** The format's name as {@code targets --explain} shows it ("serverless"). */
    String name();

    /** What the format's files are, for the list of files read ("a Serverless Framework service file"). */
    String describe();

    /** True when this file is an input of the format (looked at by name only; reading comes later). */
    boolean claims(Path file);

    /**
     * Reads one claimed file of the project under {@code root}, with the options that apply to it. Bad input becomes
     * findings in the result, never an exception (discovery still guards against one and reports it).
     */
    Read read(Path root, Path file, ProjectOptions options);

    /**
     * True when a YAML file with {@code Resources} but no template header, in the folder of one of this format's
     * inputs, is a fragment of that input and never a template of its own (a Serverless service's
     * {@code resources: ${file(...)}} pieces): read alone it would refer to resources the format generates.
     */
    default boolean ownsFragments() {
        return false;
    }

    /**
     * What reading one file gave: its targets, policies and findings, and every other file it read as part of itself
     * (absolute, normalized paths).
     */
    record Read(IacResult iac, Set<Path> filesRead) {
        public Read {
            filesRead = Set.copyOf(filesRead);
        }
    }
}
