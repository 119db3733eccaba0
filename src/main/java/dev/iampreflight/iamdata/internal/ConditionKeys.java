package dev.iampreflight.iamdata.internal;

import dev.iampreflight.iamdata.ConditionKeyInfo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a condition key among declared ones. Key names are case-insensitive (IAM user guide, "Condition element":
 * condition key names are not case-sensitive). A declared key may hold a placeholder, {@code aws:ResourceTag/${TagKey}}
 * or {@code s3:ExistingObjectTag/<key>}, which matches any non-empty text there.
 */
public final class ConditionKeys {

    private static final java.util.Map<String, Pattern> TEMPLATES = new java.util.concurrent.ConcurrentHashMap<>();

    private ConditionKeys() {
    }

    public static Optional<ConditionKeyInfo> find(List<ConditionKeyInfo> declared, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ConditionKeyInfo k : declared) {
            if (k.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(k);
            }
        }
        for (ConditionKeyInfo k : declared) {
            if (hasPlaceholder(k.name())
                    && TEMPLATES.computeIfAbsent(k.name(), ConditionKeys::template).matcher(name).matches()) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static boolean hasPlaceholder(String key) {
        return key.contains("${") || key.contains("<");
    }

    static Pattern template(String key) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < key.length()) {
            char c = key.charAt(i);
            int close = c == '$' && i + 1 < key.length() && key.charAt(i + 1) == '{' ? key.indexOf('}', i)
                    : c == '<' ? key.indexOf('>', i) : -1;
            if (close > 0) {
                re.append(".+");
                i = close + 1;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
