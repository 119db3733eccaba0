package dev.iampreflight.project;

/**
 * The value an input of a configuration takes and where it comes from, for {@code targets -v}: a Terraform root
 * module's variable and the file or option that set it.
 *
 * @param scope  the configuration, e.g. the root module's folder {@code infra/live}
 * @param name   the input, e.g. {@code var.env}
 * @param value  its value as text ({@code {?}} when unknown)
 * @param source where it was set: a var file, {@code --var}, {@code its default}, {@code no value given}
 */
public record InputValue(String scope, String name, String value, String source) {
}
