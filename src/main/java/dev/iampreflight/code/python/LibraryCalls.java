package dev.iampreflight.code.python;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.Credentials;
import dev.iampreflight.code.SignedRequest;
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
                 String via, Credentials creds) {
        Found(String service, String operation, Map<String, SymbolicValue> args, Confidence confidence, String via) {
            this(service, operation, args, confidence, via, Credentials.DEFAULT);
        }
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
            if (op.request() != null) {
                request(op.request(), site, self, "library " + via, out);
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

    /**
     * A signed HTTP request: made only when its signer is a modelled one; its IAM action comes from the signer's
     * service (or the URL's host) and the HTTP method ({@link SignedRequest}); the URL stays symbolic, read per deploy
     * target when the resource is rendered. Explicit access keys make it someone else's request (docs/libraries.md).
     */
    private void request(LibraryModels.Request r, Index.CallSite site, Map<String, SymbolicValue> self, String via,
                         List<Found> out) {
        SymbolicValue signer = field(r, "signer", site, self);
        if (!(signer instanceof SymbolicValue.Literal signerName)) {
            return;
        }
        SymbolicValue url = field(r, "url", site, self);
        if (url == null && r.fields().containsKey("host")) {
            url = SignedRequest.url(field(r, "host", site, self), path(r.path(), site, self));
        }
        if (url == null) {
            url = SymbolicValue.unknown("the request's URL");
        }
        SymbolicValue method = field(r, "method", site, self);
        Optional<String> service = SignedRequest.service(field(r, "service", site, self), url);
        Optional<String> action = service.flatMap(s -> SignedRequest.action(s, method));
        if (action.isEmpty()) {
            return;
        }
        Map<String, SymbolicValue> args = new LinkedHashMap<>();
        args.put(SignedRequest.URL, url);
        args.put(SignedRequest.METHOD, method == null ? SymbolicValue.unknown("the HTTP method") : method);
        SymbolicValue region = field(r, "region", site, self);
        if (region != null) {
            args.put(SignedRequest.SIGNING_REGION, region);
        }
        SymbolicValue keys = field(r, "keys", site, self);
        Credentials creds = keys == null ? Credentials.DEFAULT : Credentials.of(Credentials.Kind.KEYS, keys,
                new dev.iampreflight.core.SourceLocation(site.call().file().path(), site.call().line(),
                        site.call().column()));
        String a = action.get();
        // A URL whose start is not known may be anything the signer signs for: never a certain denial.
        boolean unknownUrl = !url.render().matches("(?i)^https?://[^{/]+.*");
        out.add(new Found(a.substring(0, a.indexOf(':')), a.substring(a.indexOf(':') + 1), args,
                unknownUrl ? Confidence.LOW : Confidence.HIGH, via + " (signed by " + signerName.value() + ")"
                + (unknownUrl ? " (when the request goes where it is signed for: its URL is not known)" : ""),
                creds));
    }

    private SymbolicValue field(LibraryModels.Request r, String name, Index.CallSite site,
                                Map<String, SymbolicValue> self) {
        List<String> sources = r.fields().get(name);
        return sources == null ? null : value(sources, site, self);
    }

    /** A path template with its {SOURCE} parts filled; an absent part is left out with the slash before it. */
    private SymbolicValue path(String template, Index.CallSite site, Map<String, SymbolicValue> self) {
        List<SymbolicValue> parts = new ArrayList<>();
        java.util.regex.Matcher m = LibraryModels.PATH_PART.matcher(template);
        int last = 0;
        while (m.find()) {
            String before = template.substring(last, m.start());
            SymbolicValue v = value(List.of(m.group(1)), site, self);
            if (v == null) {
                before = before.endsWith("/") ? before.substring(0, before.length() - 1) : before;
            }
            if (!before.isEmpty()) {
                parts.add(SymbolicValue.literal(before));
            }
            if (v != null) {
                parts.add(v);
            }
            last = m.end();
        }
        String tail = template.substring(last);
        if (!tail.isEmpty()) {
            parts.add(SymbolicValue.literal(tail));
        }
        if (parts.isEmpty()) {
            return SymbolicValue.literal("/");
        }
        SymbolicValue first = parts.get(0);
        if (!(first instanceof SymbolicValue.Literal l && l.value().startsWith("/"))) {
            parts.add(0, SymbolicValue.literal("/"));
        }
        return parts.size() == 1 ? parts.get(0) : SymbolicValue.concat(parts);
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
            if (id.equals("AccessKey") && self.sessionCredentials(sources, site)) {
                // A signer given the session's own credentials (boto3.Session().get_credentials()) signs as the
                // target's role: no explicit keys.
                return;
            }
            SymbolicValue v = self.value(sources, site, Map.of());
            if (v != null) {
                out.put(id, v);
            }
        });
        return out;
    }

    /** Whether the first argument {@code sources} name is a session's default-chain credentials. */
    private boolean sessionCredentials(List<String> sources, Index.CallSite site) {
        for (String s : sources) {
            if (s.startsWith("const:") || s.startsWith("env:") || s.startsWith("self:") || s.startsWith("meta:")
                    || s.startsWith("holder:") || s.matches(".*\\.[A-Z].*") || s.endsWith("[0]")) {
                continue;
            }
            PyNode arg = argumentNode(site.call(), s);
            if (arg != null) {
                Set<Val> vals = ev.eval(arg, site.scope());
                return !vals.isEmpty() && vals.stream().allMatch(v -> v instanceof CredsV c && c.creds().isDefault());
            }
        }
        return false;
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
        boolean library = false;
        for (Val x : vals) {
            SymbolicValue id = idsOf(x).get(deref);
            if (id != null) {
                return id;
            }
            library |= x instanceof LibV;
        }
        // A library object that was not given this value has none (a signer built from the session's own
        // credentials has no AccessKey); anything else untraced may have it.
        return library ? null : SymbolicValue.unknown("a library object's " + deref);
    }

    /** The argument node a source names: {@code pos:N}, {@code kw:NAME}, {@code arg:N:NAME} (keyword first). */
    private static PyNode argumentNode(PyNode call, String source) {
        if (source.startsWith("pos:")) {
            int n = Integer.parseInt(source.substring(4));
            return Evaluator.argument(call, n < 0 ? positionalCount(call) + n : n, "\0");
        }
        if (source.startsWith("kw:")) {
            return Evaluator.argument(call, -1, source.substring(3));
        }
        String[] p = source.split(":", 3);
        return Evaluator.argument(call, Integer.parseInt(p[1]), p[2]);
    }

    /** How many positional arguments a call has; none counted after a {@code *args} (their number is unknown). */
    private static int positionalCount(PyNode call) {
        PyNode args = call.child("arguments");
        int n = 0;
        for (PyNode a : args == null ? List.<PyNode>of() : args.namedChildren()) {
            if (a.is("list_splat")) {
                return Integer.MIN_VALUE / 2;
            }
            if (!a.is("keyword_argument") && !a.is("dictionary_splat") && !a.is("comment")) {
                n++;
            }
        }
        return n;
    }

    private static String shortName(String qname) {
        int dot = qname.lastIndexOf('.');
        String s = dot < 0 ? qname : qname.substring(dot + 1);
        return s.endsWith("()") ? s.substring(0, s.length() - 2) : s;
    }
}
