package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource that a modelled registry module creates (see {@link ModuleModels}): its attributes are computed from the
 * module call's inputs, and it is located at the module call, where the user wrote them.
 */
public final class ModelRes implements Res {

    private final String address;
    private final String type;
    private final String prefix;
    private final SourceLocation location;
    private final Map<String, Node> attrs = new LinkedHashMap<>();
    private final Map<String, List<String>> refs = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> blocks = new LinkedHashMap<>();
    private final ModuleModels.Call call;

    ModelRes(ModuleModels.Call call, String localAddress, String type, SourceLocation location) {
        this.call = call;
        this.prefix = call.prefix();
        this.address = prefix + localAddress;
        this.type = type;
        this.location = location;
    }

    ModelRes set(String name, Node value, List<String> references) {
        attrs.put(name, value);
        refs.put(name, List.copyOf(references));
        return this;
    }

    ModelRes block(String name, List<ObjectNode> values) {
        blocks.put(name, List.copyOf(values));
        return this;
    }

    /** The module call this resource comes from. */
    public ModuleModels.Call call() {
        return call;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String modulePrefix() {
        return prefix;
    }

    @Override
    public SourceLocation location() {
        return location;
    }

    @Override
    public Node attr(String name) {
        Node v = attrs.get(name);
        return v == null ? Values.unknown(location) : v;
    }

    @Override
    public boolean has(String name) {
        Node v = attrs.get(name);
        return v != null && !(v instanceof dev.iampreflight.core.tree.ScalarNode s && s.isNull());
    }

    @Override
    public List<ObjectNode> blocks(String name) {
        return blocks.getOrDefault(name, List.of());
    }

    @Override
    public List<String> refs(String attr) {
        return refs.getOrDefault(attr, List.of());
    }

    @Override
    public boolean repeated() {
        return false;
    }
}
