package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;

import java.util.List;

/**
 * A Terraform resource as the extractor sees it, whether it came from .tf files (evaluated expressions) or from a plan
 * (planned values plus the configuration's references).
 */
public interface Res {

    /** {@code aws_iam_role.app} or {@code module.api.aws_iam_role.app} (instance keys dropped). */
    String address();

    String type();

    /** The address prefix of the module instance it lives in ({@code ""} or {@code module.api.}). */
    String modulePrefix();

    SourceLocation location();

    /** An attribute's value, with computed attributes (arn, id, url) as ARN patterns; unknown when absent. */
    Node attr(String name);

    boolean has(String name);

    /** The nested blocks of a type, as objects. */
    List<ObjectNode> blocks(String name);

    /** The resource addresses an attribute's expression refers to (in the same module instance). */
    List<String> refs(String attr);

    /** True when the resource has count or for_each. */
    boolean repeated();
}
