package dev.iampreflight.iamdata;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an AWS authorization error message, e.g. {@code User: arn:aws:sts::123456789012:assumed-role/r/fn is
 * not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:...:table/Orders because no
 * identity-based policy allows the dynamodb:PutItem action}. The wording is documented in the IAM user guide,
 * "Troubleshoot access denied error messages" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
 * Principal, resource and reason are absent when the message leaves them out.
 */
public record AccessDeniedMessage(Optional<String> principal, String action, Optional<String> resource,
                                  Optional<String> reason) {

    private static final Pattern PERFORM = Pattern.compile(
            "(?:User: (\\S+) )?is not authorized to perform: ([A-Za-z0-9-]+:[A-Za-z0-9*]+)"
                    + "(?: on resource: \"?([^\"\\s]+)\"?)?(?: ((?:because|with) .+?))?[.\\s]*$",
            Pattern.DOTALL);

    /** The message's parts, or empty when the text is not such a message. */
    public static Optional<AccessDeniedMessage> parse(String text) {
        Matcher m = PERFORM.matcher(text.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        String reason = m.group(4);
        return Optional.of(new AccessDeniedMessage(Optional.ofNullable(m.group(1)), m.group(2),
                Optional.ofNullable(m.group(3)).map(r -> r.replaceAll("[,;]$", "")),
                Optional.ofNullable(reason).map(String::strip)));
    }
}
