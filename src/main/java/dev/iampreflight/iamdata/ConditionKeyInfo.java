package dev.iampreflight.iamdata;

/** A condition key and its type (String, ARN, Numeric, Date, Bool, IPAddress, Binary, ArrayOfString, ...). */
public record ConditionKeyInfo(String name, String type) {
}
