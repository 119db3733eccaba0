package dev.iampreflight.code;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A third-party function or method that makes an SDK call on the code's behalf, declared in configuration, e.g.
 * {@code aws_lambda_powertools.utilities.parameters.get_parameters -> ssm GetParametersByPath, Path <- arg 0}.
 *
 * @param callee          the dotted name of a function as imported ({@code module.function}, matched against
 *                        imports) or a bare method/function name ({@code get_parameters}, matched by name)
 * @param service         boto3 service name
 * @param operation       boto3 method name or CamelCase operation name of the call the wrapper makes
 * @param argumentMapping SDK parameter name -> the wrapper's keyword name, or its position as a number ("0"), or
 *                        several of these separated by {@code |} ("connection_id|0"), the first present wins
 */
public record SdkWrapper(String callee, String service, String operation, Map<String, String> argumentMapping) {
    public SdkWrapper {
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        argumentMapping = Map.copyOf(argumentMapping);
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

    /** The last dotted part of {@link #callee()}: the name a call site writes. */
    public String simpleName() {
        int dot = callee.lastIndexOf('.');
        return dot < 0 ? callee : callee.substring(dot + 1);
    }
}
