package dev.iampreflight.iamdata;

import java.util.List;

/**
 * One IAM action. {@code accessLevel} is one of List, Read, Write, Permissions management, Tagging.
 * An action with no resource types is wildcard-only: only {@code "Resource": "*"} grants it.
 */
public record ActionInfo(String service, String name, String accessLevel, List<ActionResourceType> resourceTypes,
                         List<String> conditionKeys, List<String> dependentActions) {
    public ActionInfo {
        resourceTypes = List.copyOf(resourceTypes);
        conditionKeys = List.copyOf(conditionKeys);
        dependentActions = List.copyOf(dependentActions);
    }

    /** {@code service:Name}, e.g. {@code dynamodb:UpdateItem}. */
    public String fullName() {
        return service + ":" + name;
    }

    public boolean wildcardOnly() {
        return resourceTypes.isEmpty();
    }
}
