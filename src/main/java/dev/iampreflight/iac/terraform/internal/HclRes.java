package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.iac.terraform.internal.Hcl.Block;
import dev.iampreflight.iac.terraform.internal.Hcl.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A resource block of a module instance. */
public final class HclRes implements Res {

    private final Instance in;
    private final Block block;

    public HclRes(Instance in, Block block) {
        this.in = in;
        this.block = block;
    }

    @Override
    public String address() {
        return in.prefix() + block.labels().get(0) + "." + block.labels().get(1);
    }

    @Override
    public String type() {
        return block.labels().get(0);
    }

    @Override
    public String modulePrefix() {
        return in.prefix();
    }

    @Override
    public SourceLocation location() {
        return block.location();
    }

    @Override
    public Node attr(String name) {
        return in.resourceAttribute(block.labels().get(0), block.labels().get(1), name, location());
    }

    @Override
    public boolean has(String name) {
        return block.body().attribute(name).isPresent();
    }

    /** Where an attribute was written (the resource when it was not). */
    public SourceLocation attrLocation(String name) {
        return block.body().attribute(name).map(Hcl.Attribute::location).orElse(location());
    }

    @Override
    public List<ObjectNode> blocks(String name) {
        List<ObjectNode> out = new ArrayList<>();
        in.blocks(block.body(), name, java.util.Map.of())
                .forEach(b -> out.add(in.blockValues(b.block().body(), b.scope())));
        return out;
    }

    @Override
    public List<String> refs(String attr) {
        List<String> out = new ArrayList<>();
        block.body().attribute(attr).ifPresent(a -> collect(in, a.value(), out));
        return out;
    }

    /** The resource addresses (in {@code in}) that an expression refers to directly. */
    static List<String> refsOf(Instance in, Expr e) {
        List<String> out = new ArrayList<>();
        collect(in, e, out);
        return out;
    }

    private static void collect(Instance in, Expr e, List<String> out) {
        if (e instanceof Hcl.Template t) {
            t.parts().forEach(p -> {
                if (p instanceof Expr x) {
                    collect(in, x, out);
                }
            });
        } else if (e instanceof Hcl.Tuple t) {
            t.items().forEach(x -> collect(in, x, out));
        } else if (e instanceof Hcl.Call c) {
            c.args().forEach(x -> collect(in, x, out));
        } else if (e instanceof Hcl.Conditional c) {
            collect(in, c.whenTrue(), out);
            collect(in, c.whenFalse(), out);
        } else if (e instanceof Hcl.ObjectCons o) {
            o.items().forEach(i -> collect(in, i.value(), out));
        } else {
            rootAndName(in, e).ifPresent(out::add);
        }
    }

    /** {@code type.name} of a traversal like {@code aws_iam_role.app.arn} or {@code aws_iam_role.app[0].name}. */
    private static Optional<String> rootAndName(Instance in, Expr e) {
        List<String> names = new ArrayList<>();
        Expr cur = e;
        while (true) {
            if (cur instanceof Hcl.GetAttr g) {
                names.add(0, g.name());
                cur = g.target();
            } else if (cur instanceof Hcl.Index ix) {
                cur = ix.target();
            } else if (cur instanceof Hcl.Splat s) {
                cur = s.target();
            } else {
                break;
            }
        }
        if (cur instanceof Hcl.Variable v && !names.isEmpty() && v.name().contains("_")
                && !List.of("var", "local", "module", "data", "path", "count", "each", "self").contains(v.name())) {
            return Optional.of(in.prefix() + v.name() + "." + names.get(0));
        }
        return Optional.empty();
    }

    public Instance instance() {
        return in;
    }

    public Optional<Expr> expression(String attr) {
        return block.body().attribute(attr).map(Hcl.Attribute::value);
    }

    @Override
    public boolean repeated() {
        return block.body().attribute("count").isPresent() || block.body().attribute("for_each").isPresent();
    }
}
