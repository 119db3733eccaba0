package dev.iampreflight.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code template-vars} of {@code .iam-preflight.yml}: values for the variables of Jinja templates
 * ({@code template.yml.j2}) and of {@code $VAR}/{@code ${VAR}} placeholders in JSON policy files, for every check and
 * per {@code --stage NAME}. A variable given nowhere is unknown ({@code {?}}).
 *
 * @param vars   values for every check
 * @param stages per stage: more values, which win over {@code vars}
 */
public record TemplateVars(Map<String, String> vars, Map<String, Map<String, String>> stages) {

    public static final TemplateVars NONE = new TemplateVars(Map.of(), Map.of());

    public TemplateVars {
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        Map<String, Map<String, String>> s = new LinkedHashMap<>();
        stages.forEach((k, v) -> s.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        stages = java.util.Collections.unmodifiableMap(s);
    }

    /** The values for a run with {@code stage}: the common ones, overridden by the stage's. */
    public Map<String, String> forStage(Optional<String> stage) {
        Map<String, String> out = new LinkedHashMap<>(vars);
        stage.map(stages::get).ifPresent(out::putAll);
        return out;
    }
}
