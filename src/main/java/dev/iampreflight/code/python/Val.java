package dev.iampreflight.code.python;

import dev.iampreflight.code.Credentials;
import dev.iampreflight.core.SymbolicValue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an expression may evaluate to, as far as the scanner tracks it. Records are compared by value so sets of
 * values stay small; the project-structure ones ({@link FuncV}, {@link ClassV}, {@link InstV}) by identity of their
 * definitions.
 */
sealed interface Val {

    /** A module: a project module or an external one ({@code boto3}, {@code boto3.session}, {@code os}). */
    record ModuleV(String name) implements Val {
    }

    /** A function or class of an external library, by qualified name ({@code boto3.client}). */
    record ExtFnV(String qname) implements Val {
    }

    /** A boto3 session; {@code creds} are the credentials it was built with (the default chain unless given). */
    record SessionV(Credentials creds) implements Val {
        SessionV() {
            this(Credentials.DEFAULT);
        }
    }

    /**
     * Credentials obtained at run time (an {@code sts.assume_role} response, or any part of it): passing them to a
     * client or session makes its calls run as {@code creds}.
     */
    record CredsV(Credentials creds) implements Val {
    }

    record BotocoreSessionV() implements Val {
    }

    /** A client; {@code endpoint} is its {@code endpoint_url=} when given (the API Gateway management API needs it). */
    record ClientV(String service, SymbolicValue endpoint, Credentials creds) implements Val {
        ClientV(String service) {
            this(service, null, Credentials.DEFAULT);
        }
    }

    /** A boto3 service resource ({@code type == null}) or resource object ({@code Table}) with its identifiers. */
    /**
     * A boto3 resource object. {@code withData}: it came with its attributes (an item of a collection whose response
     * holds them), so reading them makes no load request.
     */
    record ResV(String service, String type, Map<String, SymbolicValue> ids, Credentials creds, boolean withData)
            implements Val {
        ResV(String service, String type, Map<String, SymbolicValue> ids) {
            this(service, type, ids, Credentials.DEFAULT);
        }

        ResV(String service, String type, Map<String, SymbolicValue> ids, Credentials creds) {
            this(service, type, ids, creds, false);
        }
    }

    /** A sub-resource constructor such as {@code dynamodb.Table} before it is called. */
    record ResCtorV(String service, Boto3Models.ResourceRef ref, Map<String, SymbolicValue> parentIds,
                    Credentials creds) implements Val {
    }

    /** {@code resource.meta}: gives {@code .client}. */
    record MetaV(String service, Credentials creds) implements Val {
    }

    /** A resource collection ({@code bucket.objects}, possibly filtered). */
    record CollV(String service, String parentType, Map<String, SymbolicValue> parentIds, String collection,
                 Credentials creds) implements Val {
    }

    record PaginatorV(String service, String operation, Credentials creds) implements Val {
    }

    record WaiterV(String service, String waiterName, Credentials creds) implements Val {
    }

    /** DynamoDB {@code Table.batch_writer()}: its put_item/delete_item become BatchWriteItem on the table. */
    record BatchWriterV(Map<String, SymbolicValue> tableIds, Credentials creds) implements Val {
    }

    /**
     * An object of a modelled library ({@link LibraryModels}): {@code type} is the library class's qualified name;
     * {@code cls} the project class that subclasses it (PynamoDB's {@code class Orders(Model)}), null for an object
     * the project constructs; {@code isClass} whether it is that class itself rather than an instance; {@code ids}
     * the values its constructor was given (a subclass's come from its class Meta when a call needs them).
     */
    record LibV(String type, Index.ClassInfo cls, boolean isClass, Map<String, SymbolicValue> ids) implements Val {
    }

    /** A method of a tracked object, not yet called: {@code client.put_object}. */
    record MethodV(Val receiver, String name) implements Val {
    }

    record FuncV(Index.FunctionInfo f) implements Val {
    }

    record BoundV(Index.FunctionInfo f) implements Val {
    }

    record ClassV(Index.ClassInfo c) implements Val {
    }

    record InstV(Index.ClassInfo c) implements Val {
    }

    record StrV(SymbolicValue value) implements Val {
    }

    /** A {@code contextvars.ContextVar}, by the call creating it: {@code get()} gives what any {@code set()} put. */
    record ContextVarV(PyNode creation, Index.Scope scope) implements Val {
    }

    /**
     * The event a Chalice S3 handler receives ({@code @app.on_s3_event(bucket=B)}): its {@code bucket} attribute is B,
     * since chalice subscribes the function to that bucket's notifications only.
     */
    record ChaliceS3EventV(SymbolicValue bucket) implements Val {
    }

    /** A response whose useful members are known, e.g. sqs get_queue_url's QueueUrl built from the queue name. */
    record KnownDictV(Map<String, SymbolicValue> entries) implements Val {
    }

    /** {@code os.environ}. */
    record EnvironV() implements Val {
    }

    /** A dict literal (evaluated lazily, entry by entry). */
    record DictV(PyNode node, Index.Scope scope) implements Val {
    }

    /** A list, tuple or expression list literal. */
    record ListV(PyNode node, Index.Scope scope) implements Val {
    }

    /** A list built by {@code +} or {@code +=} from lists: the items of each part in order. */
    record JoinedListV(List<Set<Val>> parts) implements Val {
        public JoinedListV {
            parts = List.copyOf(parts);
        }
    }

    /** A list of strings the scanner computed itself ({@code "a/b".split("/")}). */
    record StrListV(List<SymbolicValue> items) implements Val {
        public StrListV {
            items = List.copyOf(items);
        }
    }

    /** A comprehension: iterating it gives the values of its body. */
    record CompV(PyNode body, Index.Scope scope) implements Val {
    }
}
