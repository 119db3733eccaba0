package dev.iampreflight.iac.terraform.internal;

import dev.iampreflight.core.SourceLocation;

import java.util.List;
import java.util.Optional;

/**
 * The HCL2 native-syntax tree (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md): bodies of attributes and
 * blocks, and expressions. Every node keeps its source location.
 */
public final class Hcl {
    private Hcl() {
    }

    public record Body(List<Attribute> attributes, List<Block> blocks, SourceLocation location) {
        public Body {
            attributes = List.copyOf(attributes);
            blocks = List.copyOf(blocks);
        }

        public Optional<Attribute> attribute(String name) {
            return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
        }

        public List<Block> blocks(String type) {
            return blocks.stream().filter(b -> b.type().equals(type)).toList();
        }
    }

    public record Attribute(String name, Expr value, SourceLocation location) {
    }

    public record Block(String type, List<String> labels, Body body, SourceLocation location) {
        public Block {
            labels = List.copyOf(labels);
        }
    }

    /** An expression. */
    public sealed interface Expr permits Literal, Template, Tuple, ObjectCons, Variable, GetAttr, Index, Splat,
            Call, Conditional, Binary, Unary, For {
        SourceLocation location();
    }

    /** A number, bool or null literal ({@code value} is its text: "12", "true", "null"). */
    public record Literal(Kind kind, String value, SourceLocation location) implements Expr {
        public enum Kind { NUMBER, BOOL, NULL }
    }

    /**
     * A quoted string or heredoc: literal text ({@code String}), interpolated expressions ({@code Expr}) and template
     * directives ({@link IfDirective}, {@link ForDirective}).
     */
    public record Template(List<Object> parts, boolean heredoc, SourceLocation location) implements Expr {
        public Template {
            parts = List.copyOf(parts);
        }

        /** The text when the template has no interpolation or directive. */
        public Optional<String> literal() {
            StringBuilder b = new StringBuilder();
            for (Object p : parts) {
                if (!(p instanceof String s)) {
                    return Optional.empty();
                }
                b.append(s);
            }
            return Optional.of(b.toString());
        }
    }

    /** {@code %{if COND}THEN%{else}OTHERWISE%{endif}}; {@code otherwise} is empty without an else. */
    public record IfDirective(Expr condition, List<Object> then, List<Object> otherwise, SourceLocation location) {
        public IfDirective {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** {@code %{for KEY, VALUE in COLLECTION}BODY%{endfor}}. */
    public record ForDirective(Optional<String> keyVar, String valueVar, Expr collection, List<Object> body,
                               SourceLocation location) {
        public ForDirective {
            body = List.copyOf(body);
        }
    }

    public record Tuple(List<Expr> items, SourceLocation location) implements Expr {
        public Tuple {
            items = List.copyOf(items);
        }
    }

    public record ObjectCons(List<Item> items, SourceLocation location) implements Expr {
        public ObjectCons {
            items = List.copyOf(items);
        }

        /** {@code key = value}; a bare identifier key is a Template with that text. */
        public record Item(Expr key, Expr value, SourceLocation location) {
        }
    }

    public record Variable(String name, SourceLocation location) implements Expr {
    }

    public record GetAttr(Expr target, String name, SourceLocation location) implements Expr {
    }

    public record Index(Expr target, Expr key, SourceLocation location) implements Expr {
    }

    /** {@code x[*].attr} / {@code x.*.attr}: the steps after the splat apply to every element. */
    public record Splat(Expr target, SourceLocation location) implements Expr {
    }

    public record Call(String name, List<Expr> args, boolean expandFinal, SourceLocation location) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    public record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, SourceLocation location)
            implements Expr {
    }

    public record Binary(String op, Expr left, Expr right, SourceLocation location) implements Expr {
    }

    public record Unary(String op, Expr operand, SourceLocation location) implements Expr {
    }

    /** {@code [for k, v in coll : value if cond]} or {@code {for k, v in coll : key => value...}}. */
    public record For(Optional<String> keyVar, String valueVar, Expr collection, Optional<Expr> keyExpr,
                      Expr valueExpr, Optional<Expr> condition, boolean object, boolean grouping,
                      SourceLocation location) implements Expr {
    }
}
