package dev.iampreflight.discovery;

import dev.iampreflight.iac.serverless.ServerlessFormat;
import dev.iampreflight.project.DeployFormat;

import java.util.List;

/**
 * The registry of {@link DeployFormat}s that discovery hands files to, in the order they are asked (the first that
 * claims a file reads it). To add a format, write its reader package under {@code iac}, implement
 * {@link DeployFormat} there, and add one line here.
 *
 * <p>Chalice projects, CloudFormation/SAM templates (recognised by content, nested stacks and CDK output included) and
 * Terraform folders are read by {@link ProjectDiscovery} itself: each needs a whole-project view (a folder, the
 * templates that nest others, the copies CDK writes) that a file-by-file format does not.
 */
public final class DeployFormats {

    private static final List<DeployFormat> REGISTERED = List.of(new ServerlessFormat());

    private DeployFormats() {
    }

    /** The registered formats, always the same instances. */
    public static List<DeployFormat> registered() {
        return REGISTERED;
    }
}
