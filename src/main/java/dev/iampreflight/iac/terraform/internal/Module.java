package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.iac.terraform.internal.Hcl.Block;
import dev.iampreflight.iac.terraform.internal.Hcl.Body;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parsed .tf files of one directory, merged: its variables, locals, resources, data sources, modules, outputs. */
public final class Module {

    private final Path dir;
    private final Map<String, Block> variables = new LinkedHashMap<>();
    private final Map<String, Hcl.Attribute> locals = new LinkedHashMap<>();
    private final Map<String, Block> resources = new LinkedHashMap<>();
    private final Map<String, Block> data = new LinkedHashMap<>();
    private final Map<String, Block> modules = new LinkedHashMap<>();
    private final Map<String, Block> outputs = new LinkedHashMap<>();
    private final Map<Block, String> files = new java.util.IdentityHashMap<>();

    public Module(Path dir) {
        this.dir = dir;
    }

    public void add(Body body, String file) {
        for (Block b : body.blocks()) {
            files.put(b, file);
            switch (b.type()) {
                case "variable" -> label(b, 0).ifPresent(n -> variables.put(n, b));
                case "locals" -> b.body().attributes().forEach(a -> locals.put(a.name(), a));
                case "resource" -> key(b).ifPresent(k -> resources.put(k, b));
                case "data" -> key(b).ifPresent(k -> data.put(k, b));
                case "module" -> label(b, 0).ifPresent(n -> modules.put(n, b));
                case "output" -> label(b, 0).ifPresent(n -> outputs.put(n, b));
                default -> {
                }
            }
        }
    }

    private static Optional<String> label(Block b, int i) {
        return b.labels().size() > i ? Optional.of(b.labels().get(i)) : Optional.empty();
    }

    private static Optional<String> key(Block b) {
        return b.labels().size() >= 2 ? Optional.of(b.labels().get(0) + "." + b.labels().get(1)) : Optional.empty();
    }

    public Path dir() {
        return dir;
    }

    public Map<String, Block> variables() {
        return variables;
    }

    public Map<String, Hcl.Attribute> locals() {
        return locals;
    }

    /** Resources by {@code type.name}. */
    public Map<String, Block> resources() {
        return resources;
    }

    public Map<String, Block> data() {
        return data;
    }

    public Map<String, Block> modules() {
        return modules;
    }

    public Map<String, Block> outputs() {
        return outputs;
    }

    public String fileOf(Block b) {
        return files.getOrDefault(b, "");
    }

    public List<Block> resourcesOfType(String type) {
        List<Block> out = new ArrayList<>();
        resources.forEach((k, b) -> {
            if (b.labels().get(0).equals(type)) {
                out.add(b);
            }
        });
        return out;
    }
}
