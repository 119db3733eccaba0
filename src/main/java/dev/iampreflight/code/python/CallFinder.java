package dev.iampreflight.code.python;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.Credentials;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.SdkWrapper;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.code.python.Val.*;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/** Turns every call site whose callee evaluates to an SDK method into {@link SdkCall}s. */
final class CallFinder {

    /** Client methods that make no request (or only build a helper object). */
    private static final Set<String> NOT_REQUESTS = Set.of("get_paginator", "get_waiter", "can_paginate", "close",
            "exceptions", "meta");
    private static final Set<String> COLLECTION_METHODS = Set.of("all", "filter", "limit", "page_size", "pages");

    /**
     * Positional parameters of boto3's injected client methods (boto3/s3/inject.py and botocore/signers.py), so
     * {@code s3.upload_file('f', 'bucket', 'key')} gets named arguments.
     */
    private static final Map<String, List<String>> CLIENT_POSITIONAL = Map.of(
            "upload_file", List.of("Filename", "Bucket", "Key", "ExtraArgs"),
            "download_file", List.of("Bucket", "Key", "Filename", "ExtraArgs"),
            "upload_fileobj", List.of("Fileobj", "Bucket", "Key", "ExtraArgs"),
            "download_fileobj", List.of("Bucket", "Key", "Fileobj", "ExtraArgs"),
            "copy", List.of("CopySource", "Bucket", "Key", "ExtraArgs"),
            "generate_presigned_url", List.of("ClientMethod", "Params", "ExpiresIn", "HttpMethod"),
            "generate_presigned_post", List.of("Bucket", "Key"));
    /** The same helpers on s3 Bucket (which fills Bucket) and Object (which fills Bucket and Key). */
    private static final Map<String, List<String>> BUCKET_POSITIONAL = Map.of(
            "upload_file", List.of("Filename", "Key", "ExtraArgs"),
            "download_file", List.of("Key", "Filename", "ExtraArgs"),
            "upload_fileobj", List.of("Fileobj", "Key", "ExtraArgs"),
            "download_fileobj", List.of("Key", "Fileobj", "ExtraArgs"),
            "copy", List.of("CopySource", "Key", "ExtraArgs"));
    private static final Map<String, List<String>> OBJECT_POSITIONAL = Map.of(
            "upload_file", List.of("Filename", "ExtraArgs"),
            "download_file", List.of("Filename", "ExtraArgs"),
            "upload_fileobj", List.of("Fileobj", "ExtraArgs"),
            "download_fileobj", List.of("Fileobj", "ExtraArgs"),
            "copy", List.of("CopySource", "ExtraArgs"));

    private final Evaluator ev;
    private final Boto3Models models;
    private final List<SdkWrapper> wrappers;
    private final BiPredicate<String, String> isOperation;

    private final LibraryCalls libraries;
    private final Set<String> notAws;

    /** Top-level modules of Python's standard library whose objects a project commonly calls methods on. */
    private static final Set<String> STDLIB = Set.of("abc", "argparse", "array", "asyncio", "base64", "bisect",
            "calendar", "codecs", "collections", "concurrent", "configparser", "contextlib", "copy", "csv",
            "dataclasses", "datetime", "decimal", "difflib", "email", "enum", "fnmatch", "fractions", "functools",
            "glob", "gzip", "hashlib", "heapq", "hmac", "html", "http", "importlib", "inspect", "io", "ipaddress",
            "itertools", "json", "locale", "logging", "lzma", "math", "mimetypes", "multiprocessing", "operator", "os",
            "pathlib", "pickle", "platform", "pprint", "queue", "random", "re", "secrets", "select", "shutil",
            "signal", "smtplib", "socket", "sqlite3", "ssl", "statistics", "string", "struct", "subprocess", "sys",
            "tarfile", "tempfile", "textwrap", "threading", "time", "traceback", "types", "typing", "unittest",
            "urllib", "uuid", "warnings", "weakref", "xml", "zipfile", "zlib", "zoneinfo");

    /** The SDK's own packages: their objects are the AWS calls, never excluded. */
    private static final Set<String> SDK = Set.of("boto3", "botocore", "aioboto3", "aiobotocore");

    CallFinder(Evaluator ev, List<SdkWrapper> wrappers, BiPredicate<String, String> isOperation) {
        this(ev, wrappers, isOperation, DependencyPins.NONE);
    }

    /** {@code pins}: the project's dependency versions, which decide library calls only some versions make. */
    CallFinder(Evaluator ev, List<SdkWrapper> wrappers, BiPredicate<String, String> isOperation, DependencyPins pins) {
        this.ev = ev;
        this.models = ev.models();
        this.wrappers = List.copyOf(wrappers);
        this.isOperation = isOperation;
        this.libraries = new LibraryCalls(ev, LibraryModels.bundled(), pins);
        this.notAws = notAws(pins);
    }

    /**
     * Top-level import names whose objects are not AWS clients: the standard library and the packages the
     * project's dependency files name (their import name taken as the normalised package name), except the SDK's
     * own and modelled libraries. A same-named method on them ({@code market.query(...)} on a market-data client) is
     * no AWS call at any confidence (#19, docs/libraries.md).
     */
    private static Set<String> notAws(DependencyPins pins) {
        Set<String> out = new java.util.HashSet<>(STDLIB);
        for (DependencyPins.Dependency d : pins.dependencies()) {
            String name = d.name().toLowerCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
            if (!SDK.contains(name) && (LibraryModels.bundled().libraryOf(name).isEmpty()
                    || LibraryModels.bundled().transport(name))) {
                out.add(name);
            }
        }
        return out;
    }

    /** Whether every callee is a function of a package whose objects are not AWS clients (see {@link #notAws}). */
    private boolean onlyOtherLibraries(Set<Val> callees) {
        if (callees.isEmpty()) {
            return false;
        }
        for (Val v : callees) {
            if (!(v instanceof ExtFnV e)) {
                return false;
            }
            String q = e.qname();
            int end = q.length();
            for (int i = 0; i < q.length(); i++) {
                char c = q.charAt(i);
                if (c == '.' || c == '(') {
                    end = i;
                    break;
                }
            }
            if (!notAws.contains(q.substring(0, end))) {
                return false;
            }
        }
        return true;
    }

    /** Calls that could not be analysed. */
    final List<Finding> problems = new ArrayList<>();

    List<SdkCall> find(Index index) {
        this.index = index;
        List<SdkCall> out = new ArrayList<>();
        List<Index.CallSite> unresolved = new ArrayList<>();
        Set<String> services = new LinkedHashSet<>();
        // Calls whose analysis ran out of budget: reported as one note a file, with the count.
        List<Finding> budgetNotes = new ArrayList<>();
        for (Index.CallSite site : index.calls) {
            try {
                ev.startSite();
                findAt(site, out, unresolved, services);
            } catch (Evaluator.BudgetExceeded e) {
                ev.abandon();
                // Not a lost call: say where the analysis stopped, and still match the call by its method name.
                budgetNotes.add(new Finding("IAM1008", Severity.NOTE, "the analysis of this call stopped after "
                        + ev.budget() + " steps (code whose values depend on each other in many ways); "
                        + "its receiver and arguments are unknown, so it is matched by its method name only",
                        new SourceLocation(site.call().file().path(), site.call().line(), site.call().column())));
                PyNode fn = site.call().child("function");
                if (fn != null && fn.is("attribute") && fn.child("attribute") != null) {
                    unresolved.add(site);
                }
            } catch (RuntimeException | StackOverflowError e) {
                if (System.getenv("IAM_PREFLIGHT_TRACE") != null) {
                    e.printStackTrace();
                }
                ev.abandon();
                // A bug or pathological code in one call must not lose the rest of the project: report and go on.
                problems.add(new Finding(ReservedRules.UNPARSABLE, Severity.WARNING, "could not analyse this call ("
                        + e.getClass().getSimpleName() + "); it is left out; please report this",
                        new SourceLocation(site.call().file().path(), site.call().line(), site.call().column())));
            }
        }
        problems.addAll(perFile(budgetNotes));
        if (!services.isEmpty() && index.callsByName.containsKey("resource")) {
            lazyLoads(index, out);
        }
        // Second pass: method names that are operations of a service the project creates clients for.
        for (Index.CallSite site : unresolved) {
            String name = site.call().child("function").child("attribute").text();
            for (String service : services) {
                if (!NOT_REQUESTS.contains(name) && isOperation.test(service, name)) {
                    Map<String, SymbolicValue> args;
                    try {
                        // A site of its own: the budget of the last site of the first pass is not this one's.
                        ev.startSite();
                        args = ev.keywords(site.call(), site.scope());
                    } catch (Evaluator.BudgetExceeded e) {
                        ev.abandon();
                        args = Map.of();
                    }
                    out.add(call(service, name, args, Confidence.LOW, site, "unknown receiver"));
                }
            }
        }
        return out;
    }

    /**
     * Attribute reads that load a boto3 resource ({@code table.item_count}: DescribeTable; {@code obj.content_length}:
     * HeadObject). Only where every value of the object is a resource whose data is not already there; only in
     * projects that create resources at all, so other code pays nothing.
     */
    private void lazyLoads(Index index, List<SdkCall> out) {
        for (Index.CallSite site : index.attributeReads) {
            PyNode attr = site.call().child("attribute");
            PyNode obj = site.call().child("object");
            if (attr == null || obj == null || !(obj.is("identifier") || obj.is("attribute"))) {
                continue;
            }
            Set<Val> vals;
            try {
                ev.startSite();
                vals = ev.eval(obj, site.scope());
            } catch (Evaluator.BudgetExceeded e) {
                ev.abandon();
                continue;
            }
            if (vals.isEmpty() || !vals.stream().allMatch(v -> v instanceof ResV r && r.type() != null)) {
                continue;
            }
            Set<String> seen = new java.util.HashSet<>();
            for (Val v : vals) {
                ResV r = (ResV) v;
                if (r.withData() || !models.lazyLoads(r.service(), r.type(), attr.text())) {
                    continue;
                }
                models.load(r.service(), r.type()).ifPresent(req -> {
                    SdkCall c = new SdkCall(r.service(), Boto3Models.snake(req.operation()), fill(req.params(),
                            r.ids()), Confidence.HIGH, new SourceLocation(attr.file().path(), attr.line(),
                            attr.column()), enclosing(site.call()), "resource " + r.type() + "." + attr.text()
                            + " (lazy load)", r.creds(), Optional.ofNullable(guard(site)));
                    if (seen.add(c.operation() + c.arguments())) {
                        out.add(c);
                    }
                });
            }
        }
    }

    /** The first note of each file, saying how many more calls of the file it stands for. */
    private static List<Finding> perFile(List<Finding> notes) {
        java.util.Map<String, List<Finding>> byFile = new java.util.LinkedHashMap<>();
        for (Finding f : notes) {
            byFile.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Finding> fs : byFile.values()) {
            Finding first = fs.get(0);
            out.add(fs.size() == 1 ? first : new Finding(first.ruleId(), first.severity(), first.message()
                    + " (and " + (fs.size() - 1) + " more call(s) in this file)", first.location()));
        }
        return out;
    }

    private void findAt(Index.CallSite site, List<SdkCall> out, List<Index.CallSite> unresolved,
                        Set<String> services) {
        int before = out.size();
        PyNode fn = site.call().child("function");
        Set<Val> callees = ev.eval(fn, site.scope());
        for (Val v : ev.eval(site.call(), site.scope())) {
            if (v instanceof ClientV c) {
                services.add(c.service());
            } else if (v instanceof ResV r) {
                services.add(r.service());
            }
        }
        // A receiver that may be clients of several services (a cache of clients read with an unknown key) makes
        // the call on those of them that have the operation, when any has it.
        Set<String> clientServices = new LinkedHashSet<>();
        Set<String> having = new LinkedHashSet<>();
        for (Val c : callees) {
            if (c instanceof MethodV m && m.receiver() instanceof ClientV cv) {
                clientServices.add(cv.service());
                if (isOperation.test(cv.service(), m.name())) {
                    having.add(cv.service());
                }
            }
        }
        boolean narrow = clientServices.size() > 1 && !having.isEmpty();
        for (Val c : callees) {
            if (c instanceof MethodV m) {
                if (narrow && m.receiver() instanceof ClientV cv && !having.contains(cv.service())) {
                    continue;
                }
                sdkCalls(m, site, out);
            }
        }
        if (out.size() == before) {
            for (LibraryCalls.Found f : libraries.find(site, callees)) {
                out.add(call(f.service(), f.operation(), f.args(), f.confidence(), site, f.via(), f.creds()));
            }
        }
        if (out.size() == before) {
            wrapperCalls(site, callees, out);
        }
        // Unknown receivers: nothing traced, or only names from other libraries (whose objects may wrap a client).
        if (out.size() == before && fn != null && fn.is("attribute")
                && callees.stream().allMatch(v -> v instanceof ExtFnV) && !onlyOtherLibraries(callees)) {
            unresolved.add(site);
        }
    }

    private void sdkCalls(MethodV m, Index.CallSite site, List<SdkCall> out) {
        PyNode call = site.call();
        Index.Scope scope = site.scope();
        Val r = m.receiver();
        String name = m.name();
        if (r instanceof ClientV c) {
            if (NOT_REQUESTS.contains(name)) {
                return;
            }
            Map<String, SymbolicValue> args = arguments(call, scope, CLIENT_POSITIONAL.getOrDefault(name, List.of()));
            if (name.equals("generate_presigned_url")) {
                // The URL is signed for ClientMethod with Params: whoever uses it acts with the signer's permissions.
                Optional<String> op = args.getOrDefault("ClientMethod", SymbolicValue.unknown("")).asLiteral();
                if (op.isPresent()) {
                    Map<String, SymbolicValue> params = new LinkedHashMap<>();
                    if (args.get("Params") instanceof SymbolicValue.MapValue mv) {
                        params.putAll(mv.entries());
                    }
                    out.add(call(c.service(), op.get(), params, Confidence.HIGH, site, "presigned URL", c.creds()));
                    return;
                }
            }
            if (name.equals("generate_presigned_post")) {
                out.add(call(c.service(), "put_object", args, Confidence.HIGH, site, "presigned POST", c.creds()));
                return;
            }
            if (c.endpoint() != null) {
                args.putIfAbsent("endpoint_url", c.endpoint());
            }
            out.add(call(c.service(), name, args, Confidence.HIGH, site, "client", c.creds()));
        } else if (r instanceof PaginatorV p && name.equals("paginate")) {
            out.add(call(p.service(), p.operation(), arguments(call, scope, List.of()), Confidence.HIGH, site,
                    "paginator", p.creds()));
        } else if (r instanceof WaiterV w && name.equals("wait")) {
            models.waiterOperation(w.service(), w.waiterName()).ifPresent(op -> out.add(call(w.service(),
                    Boto3Models.snake(op), arguments(call, scope, List.of()), Confidence.HIGH, site,
                    "waiter " + w.waiterName(), w.creds())));
        } else if (r instanceof BatchWriterV b && (name.equals("put_item") || name.equals("delete_item"))) {
            Map<String, SymbolicValue> args = new LinkedHashMap<>();
            args.put("TableName", b.tableIds().getOrDefault("Name", SymbolicValue.unknown("table")));
            args.putAll(arguments(call, scope, List.of()));
            out.add(call("dynamodb", "batch_write_item", args, Confidence.HIGH, site, "batch_writer " + name,
                    b.creds()));
        } else if (r instanceof ResV res) {
            resourceCall(res, name, site, out);
        } else if (r instanceof CollV c) {
            collectionCall(c, name, site, out);
        }
    }

    private void resourceCall(ResV res, String name, Index.CallSite site, List<SdkCall> out) {
        PyNode call = site.call();
        Index.Scope scope = site.scope();
        String via = "resource " + (res.type() == null ? res.service() : res.type());
        Optional<Boto3Models.Action> action = models.action(res.service(), res.type(), name);
        if (action.isPresent()) {
            Map<String, SymbolicValue> args = fill(action.get().request().params(), res.ids());
            args.putAll(arguments(call, scope, List.of()));
            out.add(call(res.service(), Boto3Models.snake(action.get().request().operation()), args, Confidence.HIGH,
                    site, via + "." + name, res.creds()));
            return;
        }
        if ((name.equals("load") || name.equals("reload")) && res.type() != null) {
            models.load(res.service(), res.type()).ifPresent(req -> out.add(call(res.service(),
                    Boto3Models.snake(req.operation()), fill(req.params(), res.ids()), Confidence.HIGH, site,
                    via + "." + name, res.creds())));
            return;
        }
        var waiter = models.waiter(res.service(), res.type(), name);
        if (waiter.isPresent()) {
            models.waiterOperation(res.service(), waiter.get().getKey()).ifPresent(op -> out.add(call(res.service(),
                    Boto3Models.snake(op), fill(waiter.get().getValue(), res.ids()), Confidence.HIGH, site,
                    via + "." + name, res.creds())));
            return;
        }
        if (res.service().equals("s3") && "Bucket".equals(res.type()) && BUCKET_POSITIONAL.containsKey(name)) {
            Map<String, SymbolicValue> args = new LinkedHashMap<>();
            args.put("Bucket", res.ids().getOrDefault("Name", SymbolicValue.unknown("bucket")));
            args.putAll(arguments(call, scope, BUCKET_POSITIONAL.get(name)));
            out.add(call("s3", name, args, Confidence.HIGH, site, via + "." + name, res.creds()));
        } else if (res.service().equals("s3") && ("Object".equals(res.type()) || "ObjectSummary".equals(res.type()))
                && OBJECT_POSITIONAL.containsKey(name)) {
            Map<String, SymbolicValue> args = new LinkedHashMap<>();
            args.put("Bucket", res.ids().getOrDefault("BucketName", SymbolicValue.unknown("bucket")));
            args.put("Key", res.ids().getOrDefault("Key", SymbolicValue.unknown("key")));
            args.putAll(arguments(call, scope, OBJECT_POSITIONAL.get(name)));
            out.add(call("s3", name, args, Confidence.HIGH, site, via + "." + name, res.creds()));
        }
    }

    private void collectionCall(CollV c, String name, Index.CallSite site, List<SdkCall> out) {
        PyNode call = site.call();
        Optional<Boto3Models.Action> coll = models.collection(c.service(), c.parentType(), c.collection());
        if (coll.isEmpty()) {
            return;
        }
        if (COLLECTION_METHODS.contains(name)) {
            // bucket.objects.filter(...).limit(10) is one listing: report it once, at the outermost call.
            PyNode parent = call.parent();
            if (parent != null && parent.is("attribute") && parent.child("attribute") != null
                    && COLLECTION_METHODS.contains(parent.child("attribute").text())) {
                return;
            }
            Map<String, SymbolicValue> args = fill(coll.get().request().params(), c.parentIds());
            args.putAll(arguments(call, site.scope(), List.of()));
            out.add(call(c.service(), Boto3Models.snake(coll.get().request().operation()), args, Confidence.HIGH, site,
                    "collection " + c.collection() + "." + name, c.creds()));
            return;
        }
        String type = coll.get().resource().map(Boto3Models.ResourceRef::type).orElse(null);
        // Batch action parameters name the items' identifiers (ObjectSummary.BucketName), which the collection
        // fills from its parent (Bucket.Name) or from the listing's response.
        Map<String, SymbolicValue> itemIds = coll.get().resource()
                .map(ref -> ev.identifiers(c.service(), ref, c.parentIds(), List.of(), Map.of()))
                .orElse(c.parentIds());
        models.batchAction(c.service(), type, name).ifPresent(batch -> {
            Map<String, SymbolicValue> args = fill(batch.request().params(), itemIds);
            args.putAll(arguments(call, site.scope(), List.of()));
            out.add(call(c.service(), Boto3Models.snake(batch.request().operation()), args, Confidence.HIGH, site,
                    "collection " + c.collection() + "." + name, c.creds()));
        });
    }

    private void wrapperCalls(Index.CallSite site, Set<Val> callees, List<SdkCall> out) {
        if (wrappers.isEmpty()) {
            return;
        }
        PyNode fn = site.call().child("function");
        String simple = fn.is("identifier") ? fn.text()
                : fn.is("attribute") && fn.child("attribute") != null ? fn.child("attribute").text() : null;
        for (SdkWrapper w : wrappers) {
            // The project's own function, by its dotted name however it is imported (an alias too).
            Index.FunctionInfo own = projectFunction(callees, w.function());
            if (own == null && (simple == null || !namesLast(w.function(), simple))) {
                continue;
            }
            boolean qualifiedMatch = own != null || callees.contains(new ExtFnV(w.function()));
            boolean bareName = !w.function().contains(".");
            // A built-in wrapper names a library object's method (the app's websocket_api.close): on any other
            // receiver, or one whose type is unknown, the name alone (close, info, send) says nothing.
            if (!qualifiedMatch && !bareName && (!callees.isEmpty() || SdkWrapper.BUILT_IN.contains(w))) {
                continue;
            }
            if (own == null && bareName) {
                for (Val c : callees) {
                    if (c instanceof FuncV f && f.f().name.equals(w.function())) {
                        own = f.f();
                    }
                }
            }
            Map<String, SymbolicValue> args = new LinkedHashMap<>();
            Map<String, SymbolicValue> kw = ev.keywords(site.call(), site.scope());
            List<SymbolicValue> pos = ev.positional(site.call(), site.scope());
            Index.FunctionInfo sig = own;
            Map<String, Integer> positions = parameterPositions(own,
                    callees.stream().anyMatch(v -> v instanceof BoundV b && b.f() == sig));
            new java.util.TreeMap<>(w.arguments()).forEach((sdkParam, sources) -> {
                for (String from : sources.split("\\|")) {
                    // A quoted source is a constant the wrapper always passes (config: Recursive: "'true'").
                    boolean quoted = from.length() >= 2 && (from.startsWith("'") && from.endsWith("'")
                            || from.startsWith("\"") && from.endsWith("\""));
                    // A parameter named in the mapping may be passed by position when the wrapper's signature is
                    // known (the project's own function).
                    Integer at = from.matches("\\d{1,6}") ? Integer.valueOf(from) : positions.get(from);
                    SymbolicValue v = quoted ? SymbolicValue.literal(from.substring(1, from.length() - 1))
                            : kw.containsKey(from) ? kw.get(from) : at != null && at < pos.size() ? pos.get(at) : null;
                    if (v != null) {
                        args.put(sdkParam, v);
                        break;
                    }
                }
            });
            String op = w.operation().matches("[A-Z].*") ? Boto3Models.snake(w.operation()) : w.operation();
            out.add(call(w.service(), op, args, qualifiedMatch || bareName ? Confidence.HIGH : Confidence.LOW, site,
                    "wrapper " + w.function()));
        }
    }

    /**
     * The project function among {@code callees} whose dotted name ({@code package.module.function}, or
     * {@code module.Class.method}) is {@code dotted}, also when the scanned tree nests the package deeper
     * ({@code backend.chalicelib.config.load}); null when none is.
     */
    private static Index.FunctionInfo projectFunction(Set<Val> callees, String dotted) {
        if (!dotted.contains(".")) {
            return null;
        }
        for (Val c : callees) {
            Index.FunctionInfo f = c instanceof FuncV fv ? fv.f() : c instanceof BoundV b ? b.f() : null;
            // Both tests below need the one name to end with the other: checked first without building a string
            // (this runs for every wrapper at every call site that is not an SDK call).
            if (f != null && (dotted.endsWith(f.qualifiedName) || f.qualifiedName.endsWith(dotted))) {
                String full = f.scope.module.file.module() + "." + f.qualifiedName;
                if (full.equals(dotted) || full.endsWith("." + dotted)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** Whether {@code simple} (a name without dots) is the last dotted part of {@code dotted}. */
    private static boolean namesLast(String dotted, String simple) {
        int start = dotted.length() - simple.length();
        return dotted.endsWith(simple) && (start == 0 || dotted.charAt(start - 1) == '.');
    }

    /** A function's parameter names to the position a call passes them at (after {@code self} when bound). */
    private static Map<String, Integer> parameterPositions(Index.FunctionInfo f, boolean bound) {
        Map<String, Integer> out = new HashMap<>();
        if (f != null) {
            int shift = bound && f.takesSelf() ? 1 : 0;
            for (Index.Param p : f.params) {
                if (!p.star() && p.index() >= shift) {
                    out.put(p.name(), p.index() - shift);
                }
            }
        }
        return out;
    }

    /** Request parameters filled from a resource's identifiers (nested targets such as Delete.Objects[].Key kept flat). */
    private static Map<String, SymbolicValue> fill(List<Boto3Models.Param> params, Map<String, SymbolicValue> ids) {
        Map<String, SymbolicValue> out = new LinkedHashMap<>();
        for (Boto3Models.Param p : params) {
            SymbolicValue v = switch (p.source()) {
                case "identifier" -> ids.getOrDefault(p.name(), SymbolicValue.unknown("identifier"));
                case "string" -> SymbolicValue.literal(p.value() == null ? "" : p.value());
                default -> SymbolicValue.unknown(p.source());
            };
            String target = p.target();
            int cut = target.indexOf('.');
            out.put(cut < 0 ? target.replace("[]", "") : target.substring(target.lastIndexOf('.') + 1)
                    .replace("[]", ""), v);
        }
        return out;
    }

    /** Keyword arguments, {@code **dict} entries, positional ones by {@code names}, and ExtraArgs entries flattened. */
    private Map<String, SymbolicValue> arguments(PyNode call, Index.Scope scope, List<String> names) {
        Map<String, SymbolicValue> out = new LinkedHashMap<>();
        List<SymbolicValue> pos = ev.positional(call, scope);
        for (int i = 0; i < pos.size() && i < names.size(); i++) {
            out.put(names.get(i), pos.get(i));
        }
        out.putAll(ev.keywords(call, scope));
        if (out.get("ExtraArgs") instanceof SymbolicValue.MapValue extra) {
            out.remove("ExtraArgs");
            extra.entries().forEach(out::putIfAbsent);
        }
        return out;
    }

    private SdkCall call(String service, String operation, Map<String, SymbolicValue> args,
                         Confidence confidence, Index.CallSite site, String via) {
        return call(service, operation, args, confidence, site, via, Credentials.DEFAULT);
    }

    private SdkCall call(String service, String operation, Map<String, SymbolicValue> args,
                         Confidence confidence, Index.CallSite site, String via, Credentials creds) {
        PyNode call = site.call();
        PyNode fn = call.child("function");
        PyNode at = fn != null && fn.is("attribute") && fn.child("attribute") != null ? fn.child("attribute") : call;
        SourceLocation loc = new SourceLocation(call.file().path(), at.line(), at.column());
        return new SdkCall(service, operation, args, confidence, loc, enclosing(call), via, creds,
                Optional.ofNullable(guard(site)), instances(site));
    }

    private Index index;
    /** Identifiers (names and attribute names) and string words of the project, by text; built on first need. */
    private Map<String, List<PyNode>> mentions;
    private Boolean loadsByName;
    private final Map<Index.ClassInfo, Optional<SdkCall.Instances>> instancesByClass = new HashMap<>();
    /** Calls that load a module or class from a computed name: a class may then be made without being named. */
    private static final Set<String> LOADERS = Set.of("import_module", "__import__", "locate", "import_string",
            "load_class", "get_class", "import_by_path");

    /**
     * Where the class of the method a call is written in (directly, not in a nested function) is made, when some of
     * those places are under a branch a deploy target decides: {@code if STAGE == "dev": n = SnsNotifier() else:
     * n = NullNotifier()} means SnsNotifier's methods run only where the branch is taken. Any other mention of the
     * class (a subclass, an alias, an argument, a string naming it) counts as an instance on every path, and so does
     * a project that loads classes by a computed name; static and class methods need no instance.
     */
    private Optional<SdkCall.Instances> instances(Index.CallSite site) {
        Index.FunctionInfo f = site.scope().function;
        if (index == null || f == null || f.owner == null || f.hasDecorator("staticmethod")
                || f.hasDecorator("classmethod")) {
            return Optional.empty();
        }
        return instancesByClass.computeIfAbsent(f.owner, this::instancesOf);
    }

    private Optional<SdkCall.Instances> instancesOf(Index.ClassInfo c) {
        if (loadsByName()) {
            return Optional.empty();
        }
        Map<PyNode, Index.CallSite> constructions = new HashMap<>();
        for (Index.CallSite cs : index.callsByName.getOrDefault(c.name, List.of())) {
            constructions.put(cs.call(), cs);
        }
        List<SdkCall.Site> sites = new ArrayList<>();
        boolean guarded = false;
        for (PyNode n : mentions().getOrDefault(c.name, List.of())) {
            if (n.equals(c.def.child("name")) || within(n, "type")) {
                continue;
            }
            if (within(n, "import_statement", "import_from_statement")) {
                // from m import C as D: D(...) makes a C without naming it.
                if (n.parent() != null && n.parent().is("aliased_import")) {
                    sites.add(new SdkCall.Site(n.file().path(), enclosing(n), Optional.empty()));
                }
                continue;
            }
            PyNode ref = n.parent() != null && n.parent().is("attribute") && n.equals(n.parent().child("attribute"))
                    ? n.parent() : n;
            PyNode p = ref.parent();
            Index.CallSite cs = p != null && p.is("call") && ref.equals(p.child("function")) ? constructions.get(p) : null;
            dev.iampreflight.core.Condition g = null;
            if (cs != null) {
                try {
                    g = ev.callGuard(cs.call(), cs.scope());
                } catch (Evaluator.BudgetExceeded e) {
                    ev.abandon();
                }
            }
            guarded |= g != null;
            sites.add(new SdkCall.Site(n.file().path(), enclosing(n), Optional.ofNullable(g)));
        }
        return guarded ? Optional.of(new SdkCall.Instances(c.name, sites)) : Optional.empty();
    }

    private static boolean within(PyNode n, String... types) {
        for (PyNode p = n.parent(); p != null; p = p.parent()) {
            for (String t : types) {
                if (p.is(t)) {
                    return true;
                }
            }
            if (p.is("call") || p.is("block") || p.is("module")) {
                return false;
            }
        }
        return false;
    }

    private boolean loadsByName() {
        if (loadsByName == null) {
            loadsByName = false;
            for (String l : LOADERS) {
                if (index.callsByName.containsKey(l)) {
                    loadsByName = true;
                }
            }
            for (Index.CallSite cs : index.callsByName.getOrDefault("getattr", List.of())) {
                // getattr(module, name) with a computed name: a class looked up in a module.
                PyNode args = cs.call().child("arguments");
                List<PyNode> a = args == null ? List.of() : args.namedChildren();
                if (a.size() >= 2 && !a.get(1).is("string")) {
                    try {
                        if (ev.eval(a.get(0), cs.scope()).stream().anyMatch(v -> v instanceof ModuleV)) {
                            loadsByName = true;
                        }
                    } catch (Evaluator.BudgetExceeded e) {
                        ev.abandon();
                        loadsByName = true;
                    }
                }
            }
        }
        return loadsByName;
    }

    private Map<String, List<PyNode>> mentions() {
        if (mentions == null) {
            // Only the names of the project's classes are ever looked up: keeping every identifier of the project
            // (a view of each, half a million at 1,000 modules) held them all until the end of the run.
            Set<String> classNames = new java.util.HashSet<>();
            for (Index.ClassInfo c : index.classes) {
                classNames.add(c.name);
            }
            mentions = new HashMap<>();
            java.util.ArrayDeque<PyNode> todo = new java.util.ArrayDeque<>();
            for (Index.ModuleInfo m : index.modules.values()) {
                todo.push(m.file.root());
            }
            java.util.regex.Pattern word = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
            while (!todo.isEmpty()) {
                PyNode n = todo.pop();
                if (n.is("identifier")) {
                    String name = n.text();
                    if (classNames.contains(name)) {
                        mentions.computeIfAbsent(name, k -> new ArrayList<>()).add(n);
                    }
                } else if (n.is("string") && !(n.parent() != null && n.parent().is("expression_statement"))) {
                    java.util.regex.Matcher w = word.matcher(n.text());
                    while (w.find()) {
                        String name = w.group();
                        if (classNames.contains(name)) {
                            mentions.computeIfAbsent(name, k -> new ArrayList<>()).add(n);
                        }
                    }
                    continue;
                }
                n.children().forEach(todo::push);
            }
        }
        return mentions;
    }

    /** The call's guard; none (the call counts on every path) when working it out runs out of budget. */
    private dev.iampreflight.core.Condition guard(Index.CallSite site) {
        try {
            return ev.callGuard(site.call(), site.scope());
        } catch (Evaluator.BudgetExceeded e) {
            ev.abandon();
            return null;
        }
    }

    /** The dotted name of the function (and classes) a node is written in, or {@code <module>}. */
    static String enclosing(PyNode n) {
        List<String> names = new ArrayList<>();
        for (PyNode p = n.parent(); p != null; p = p.parent()) {
            if (p.is("block") && MainGuard.isBody(p)) {
                // The body of a module-level if __name__ == "__main__": (FactsExtractor's unit of the same name).
                return dev.iampreflight.code.Reachability.MAIN;
            }
            if ((p.is("function_definition") || p.is("class_definition")) && p.child("name") != null) {
                names.add(0, p.child("name").text());
            }
        }
        return names.isEmpty() ? "<module>" : String.join(".", names);
    }
}
