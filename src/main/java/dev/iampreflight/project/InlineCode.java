package dev.iampreflight.project;

import dev.iampreflight.core.SourceLocation;

import java.util.Objects;

/**
 * Python source written inside the IaC (SAM {@code InlineCode}, CloudFormation {@code Code.ZipFile}). Lambda writes it
 * to {@code index.py} for Python runtimes (AWS::Lambda::Function Code, "ZipFile":
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-code.html), so the
 * handler is {@code index.<function>}.
 *
 * @param source    the code as deployed (intrinsics such as {@code Fn::Sub} already resolved)
 * @param at        where the code is written in the template
 * @param firstLine the template line that holds the code's first line when the text is a YAML block kept line for
 *                  line; 0 when lines cannot be mapped (a JSON string, a {@code Fn::Sub}), then every call is located
 *                  at {@code at}
 */
public record InlineCode(String source, SourceLocation at, int firstLine, int indent) {

    /** The module file name Lambda gives inline Python code. */
    public static final String MODULE_FILE = "index.py";

    public InlineCode {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }

    /** Where line {@code line} (1-based) of the code is in the template. */
    public SourceLocation locate(int line, int column) {
        if (firstLine <= 0) {
            return at;
        }
        return new SourceLocation(at.file(), firstLine + line - 1, column + indent);
    }
}
