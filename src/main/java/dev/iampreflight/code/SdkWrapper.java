package dev.iampreflight.code;

import dev.iampreflight.core.SourceLocation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A function or method, of a library or of the user's own code, that makes an SDK call on the code's behalf and that
 * the scanner cannot see through: the built-in ones ({@link #BUILT_IN}) and those declared under {@code sdk-wrappers}
 * in {@code .iam-preflight.yml}, e.g. {@code chalicelib.config.load -> ssm GetParametersByPath, Path <- prefix}.
 *
 * @param function  the dotted name of a function ({@code package.module.function}: a project module's function, or
 *                  one imported from a library) or a bare method/function name ({@code get_parameters}, matched by
 *                  name)
 * @param service   boto3 service name
 * @param operation boto3 method name or CamelCase operation name of the call the wrapper makes
 * @param arguments SDK parameter name -> the wrapper's parameter name, or its 0-based position ("0"), or a quoted
 *                  literal the wrapper always passes ({@code "'true'"}), or several of these separated by {@code |}
 *                  ("connection_id|0"), the first present wins
 * @param location  where the wrapper is declared (unknown for built-in ones)
 */
public record SdkWrapper(String function, String service, String operation, Map<String, String> arguments,
                         SourceLocation location) {
    public SdkWrapper {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        arguments = Map.copyOf(arguments);
        if (location == null) {
            location = SourceLocation.unknown();
        }
    }

    public SdkWrapper(String function, String service, String operation, Map<String, String> arguments) {
        this(function, service, operation, arguments, SourceLocation.unknown());
    }

    /**
     * Wrappers every scan knows: Chalice's websocket API calls the API Gateway management API for the app
     * (chalice/app.py, {@code WebsocketAPI.send/close/info} -> post_to_connection/delete_connection/get_connection),
     * and boto3's {@code S3Transfer} object transfers like the client's helpers.
     */
    public static final List<SdkWrapper> BUILT_IN = List.of(
            new SdkWrapper("chalice.Chalice().websocket_api.send", "apigatewaymanagementapi", "post_to_connection",
                    Map.of("ConnectionId", "connection_id|0")),
            new SdkWrapper("chalice.Chalice().websocket_api.close", "apigatewaymanagementapi", "delete_connection",
                    Map.of("ConnectionId", "connection_id|0")),
            new SdkWrapper("chalice.Chalice().websocket_api.info", "apigatewaymanagementapi", "get_connection",
                    Map.of("ConnectionId", "connection_id|0")),
            // boto3.s3.transfer.S3Transfer(client).upload_file(filename, bucket, key) / download_file(bucket, key,
            // filename): the same transfers as the client's helpers (boto3/s3/transfer.py).
            new SdkWrapper("boto3.s3.transfer.S3Transfer().upload_file", "s3", "upload_file",
                    Map.of("Bucket", "bucket|1", "Key", "key|2")),
            new SdkWrapper("boto3.s3.transfer.S3Transfer().download_file", "s3", "download_file",
                    Map.of("Bucket", "bucket|0", "Key", "key|1")));

    /** The last dotted part of {@link #function()}: the name a call site writes. */
    public String simpleName() {
        int dot = function.lastIndexOf('.');
        return dot < 0 ? function : function.substring(dot + 1);
    }
}
