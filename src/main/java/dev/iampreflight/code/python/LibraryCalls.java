package dev.iampreflight.code.python;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.code.python.LibraryModels.Entry;
import dev.iampreflight.code.python.LibraryModels.Op;
import dev.iampreflight.code.python.LibraryModels.Type;
import dev.iampreflight.code.python.Val.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves calls into modelled libraries ({@link LibraryModels}): a call counts only when its callee was resolved
 * through an import of the library ({@link ExtFnV} with the library's qualified name) or is a method of an object
 * whose type flows from one ({@link LibV}), exactly as boto3 calls are found; a same-named function or method of
 * anything else never matches.
 */
final class LibraryCalls {

    /** One SDK operation a library call makes, ready to become an SdkCall. */
    record Found(String service, String operation, Map<String, SymbolicValue> args, Confidence confidence,
                 String via) {
    }

    private final Evaluator ev;
    private final LibraryModels models;
    private final DependencyPins pins;

    LibraryCalls(Evaluator ev, LibraryModels models, DependencyPins pins) {
        this.ev = ev;
        this.models = models;
        this.pins = pins;
    }

    /** The operations the call at {@code site} makes through a modelled library, given its evaluated callees. */
    List<Found> find(Index.CallSite site, Set<Val> callees) {
        List<Found> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Val c : callees) {
            if (c instanceof ExtFnV ext) {
                Optional<Entry> fn = models.function(ext.qname());
                if (fn.isPresent() && seen.add(ext.qname())) {
                    String lib = models.libraryOf(ext.qname()).map(LibraryModels.Library::name).orElse("?");
                    add(fn.get(), null, site, lib + " " + shortName(ext.qname()), lib, out);
                }
            } else if (c instanceof MethodV m && m.receiver() instanceof LibV r) {
                Optional<Type> t = models.type(r.type());
                Entry e = t.map(Type::methods).map(ms -> ms.get(m.name())).orElse(null);
                if (e == null || !e.on().equals("any") && e.on().equals("class") != r.isClass()
                        || !seen.add(r.type() + "#" + m.name() + "#" + r.cls())) {
                    continue;
                }
                String owner = r.cls() != null ? r.cls().name : shortName(r.type());
                add(e, r, site, t.get().library().name() + " " + owner + "." + m.name(), t.get().library().name(),
                        out);
            }
        }
        PyNode fn = site.call().child("function");
        if (out.isEmpty() && fn != null && fn.is("attribute") && fn.child("attribute") != null
                && callees.stream().allMatch(v -> v instanceof ExtFnV)) {
            // A receiver of unknown type: only methods whose calls are recognised by their arguments (an s3:// URL).
            String name = fn.child("attribute").text();
            for (Type t : models.anyReceiverTypes()) {
                Entry e = t.methods().get(name);
                if (e != null) {
                    add(e, null, site, t.library().name() + " " + shortName(t.name()) + "." + name,
                            t.library().name(), out);
                }
            }
        }
        return out;
    }

    private void add(Entry e, LibV receiver, Index.CallSite site, String via, String library, List<Found> out) {
        Map<String, SymbolicValue> self = receiver == null ? Map.of() : ids(receiver);
        for (Op op : e.calls()) {
            if (!when(op, site, self)) {
                continue;
            }
            Confidence confidence = Confidence.HIGH;
            String opVia = "library " + via;
            if (!op.versions().isEmpty()) {
                Optional<Boolean> makes = pins.makes(libraryPypi(library), op.versions());
                if (makes.isPresent() && !makes.get()) {
                    continue;
                }
                if (makes.isEmpty()) {
                    // The installed version is not pinned: the call happens only with some of the versions the
                    // project's requirements allow, so it cannot be called certain.
                    confidence = Confidence.LOW;
                    opVia += " (only " + library + " " + op.versions() + ", which the requirements do not rule out: "
                            + op.note() + ")";
                }
            }
            if (!op.sometimes().isEmpty()) {
                // Made only in some runs, and a denial does not fail the caller's code: never a certain denial.
                confidence = Confidence.LOW;
                opVia += " (when " + op.sometimes() + ")";
            }
            Map<String, SymbolicValue> args = new LinkedHashMap<>();
            op.args().forEach((param, sources) -> {
                SymbolicValue v = value(sources, site, self);
                if (v != null) {
                    args.put(param, v);
                }
            });
            out.add(new Found(op.service(), Boto3Models.snake(op.operation()), args, confidence, opVia));
        }
    }

    private String libraryPypi(String libraryName) {
        for (LibraryModels.Library l : models.libraries()) {
            if (l.name().equals(libraryName)) {
                return l.pypi();
            }
        }
        return libraryName;
    }

    private boolean when(Op op, Index.CallSite site, Map<String, SymbolicValue> self) {
        for (Map.Entry<String, String> w : op.when().entrySet()) {
            SymbolicValue v = value(List.of(w.getKey()), site, self);
            String pattern = w.getValue();
            // "" : the argument is absent; "*" : present; "s3://*" : its value starts so; else exactly this text.
            boolean ok = pattern.isEmpty() ? v == null : v != null && (pattern.endsWith("*")
                    ? v.render().startsWith(pattern.substring(0, pattern.length() - 1)) : v.render().equals(pattern));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The identifiers of a library object: its constructor's (kept on construction) or its class Meta's. */
    Map<String, SymbolicValue> ids(LibV r) {
        if (r.cls() == null) {
            return r.ids();
        }
        Optional<Type> t = models.type(r.type());
        if (t.isEmpty()) {
            return Map.of();
        }
        Map<String, SymbolicValue> out = new LinkedHashMap<>();
        t.get().ids().forEach((id, sources) -> {
            SymbolicValue v = metaValue(r.cls(), sources);
            if (v != null) {
                out.put(id, v);
            }
        });
        return out;
    }

    /** The identifiers of a project class that subclasses a modelled one (or of its instance), else empty. */
    private Map<String, SymbolicValue> idsOf(Val v) {
        if (v instanceof LibV lib) {
            return ids(lib);
        }
        Index.ClassInfo c = v instanceof InstV i ? i.c() : v instanceof ClassV cv ? cv.c() : null;
        if (c == null) {
            return Map.of();
        }
        return ev.libraryBase(c).map(t -> ids(new LibV(t, c, false, Map.of()))).orElse(Map.of());
    }

    /**
     * {@code holder:ID}: the identifier of the modelled class whose body assigns an instance of {@code cls} (a
     * PynamoDB index belongs to the model that declares it), when exactly one class does.
     */
    private SymbolicValue holderValue(Index.ClassInfo cls, String id) {
        SymbolicValue found = null;
        for (Index.ClassInfo holder : holders(ev, cls)) {
            SymbolicValue v = idsOf(new ClassV(holder)).get(id);
            if (v == null || found != null && !found.equals(v)) {
                return null;
            }
            found = v;
        }
        return found;
    }

    /** The project classes whose body assigns an instance of {@code cls} ({@code by_author = ByAuthor()}). */
    static List<Index.ClassInfo> holders(Evaluator ev, Index.ClassInfo cls) {
        List<Index.ClassInfo> out = new ArrayList<>();
        for (Index.ClassInfo holder : ev.index().classes) {
            if (holder == cls || !holder.def.text().contains(cls.name)) {
                continue;
            }
            for (String attr : holder.bodyScope.bindings.keySet()) {
                if (ev.attribute(Set.of(new ClassV(holder)), attr).contains(new InstV(cls))) {
                    out.add(holder);
                    break;
                }
            }
        }
        return out;
    }

    /** The identifiers a constructor call of a library class gives its object. */
    static Map<String, SymbolicValue> constructed(Evaluator ev, Type t, PyNode call, Index.Scope scope) {
        Map<String, SymbolicValue> out = new LinkedHashMap<>();
        LibraryCalls self = new LibraryCalls(ev, LibraryModels.bundled(), DependencyPins.NONE);
        Index.CallSite site = new Index.CallSite(call, scope);
        t.ids().forEach((id, sources) -> {
            SymbolicValue v = self.value(sources, site, Map.of());
            if (v != null) {
                out.put(id, v);
            }
        });
        return out;
    }

    private SymbolicValue metaValue(Index.ClassInfo cls, List<String> sources) {
        for (String s : sources) {
            if (s.startsWith("holder:")) {
                SymbolicValue v = holderValue(cls, s.substring(7));
                if (v != null) {
                    return v;
                }
            } else if (s.startsWith("meta:")) {
                Set<Val> meta = ev.attribute(Set.of(new ClassV(cls)), "Meta");
                Set<Val> v = ev.attribute(meta, s.substring(5));
                if (!v.isEmpty()) {
                    return ev.symbolic(v);
                }
            } else if (s.startsWith("const:")) {
                return SymbolicValue.literal(s.substring(6));
            }
        }
        return null;
    }

    /** The first of {@code sources} that the call gives (see docs/libraries.md, "Sources"), or null. */
    SymbolicValue value(List<String> sources, Index.CallSite site, Map<String, SymbolicValue> self) {
        for (String s : sources) {
            boolean first = s.endsWith("[0]");
            SymbolicValue v = valueOf(first ? s.substring(0, s.length() - 3) : s, site, self);
            if (v != null) {
                return first ? firstItem(v) : v;
            }
        }
        return null;
    }

    /** {@code SOURCE[0]}: the first item of a list the source gives (a key provider's generator key). */
    private static SymbolicValue firstItem(SymbolicValue v) {
        if (v instanceof SymbolicValue.ListValue l && !l.items().isEmpty()) {
            return l.items().get(0);
        }
        return v instanceof SymbolicValue.Unknown ? v : SymbolicValue.unknown("the first item of a list");
    }

    private SymbolicValue valueOf(String s, Index.CallSite site, Map<String, SymbolicValue> self) {
        String deref = null;
        String base = s;
        int dot = s.lastIndexOf('.');
        if (!s.startsWith("const:") && dot > 0 && Character.isUpperCase(s.charAt(dot + 1))) {
            deref = s.substring(dot + 1);
            base = s.substring(0, dot);
        }
        if (base.startsWith("const:")) {
            return SymbolicValue.literal(base.substring(6));
        } else if (base.startsWith("env:")) {
            return new SymbolicValue.EnvVar(base.substring(4), Optional.empty());
        } else if (base.startsWith("self:")) {
            return self.get(base.substring(5));
        } else if (base.startsWith("meta:") || base.startsWith("holder:")) {
            return null;
        }
        PyNode arg = argumentNode(site.call(), base);
        if (arg == null) {
            return null;
        }
        Set<Val> vals = ev.eval(arg, site.scope());
        if (deref == null) {
            return ev.symbolic(vals);
        }
        for (Val x : vals) {
            SymbolicValue id = idsOf(x).get(deref);
            if (id != null) {
                return id;
            }
        }
        return SymbolicValue.unknown("a library object's " + deref);
    }

    /** The argument node a source names: {@code pos:N}, {@code kw:NAME}, {@code arg:N:NAME} (keyword first). */
    private static PyNode argumentNode(PyNode call, String source) {
        if (source.startsWith("pos:")) {
            return Evaluator.argument(call, Integer.parseInt(source.substring(4)), "\0");
        }
        if (source.startsWith("kw:")) {
            return Evaluator.argument(call, -1, source.substring(3));
        }
        String[] p = source.split(":", 3);
        return Evaluator.argument(call, Integer.parseInt(p[1]), p[2]);
    }

    private static String shortName(String qname) {
        int dot = qname.lastIndexOf('.');
        String s = dot < 0 ? qname : qname.substring(dot + 1);
        return s.endsWith("()") ? s.substring(0, s.length() - 2) : s;
    }
}
