package dev.iampreflight.require;

import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.require.RequirementMapper.Need;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Operations whose IAM actions differ from their name or that need several, and parameter-dependent extra actions.
 * Each entry cites the Service Authorization Reference page (SAR) or service guide it follows. Every entry is tested
 * in {@code CuratedOperationsTest}.
 */
final class CuratedOperations {

    static final String SAR = "https://docs.aws.amazon.com/service-authorization/latest/reference/";
    static final String S3 = SAR + "list_amazons3.html";
    static final String DYNAMODB = SAR + "list_amazondynamodb.html";
    static final String SES = SAR + "list_amazonsimpleemailservicev2.html";
    static final String LAMBDA = SAR + "list_awslambda.html";
    static final String EXECUTE_API = SAR + "list_amazonapigatewaymanagement.html";
    static final String SQS = SAR + "list_amazonsqs.html";
    static final String SNS = SAR + "list_amazonsns.html";
    static final String KMS = SAR + "list_awskeymanagementservice.html";
    static final String SSM = SAR + "list_awssystemsmanager.html";

    static final String BEDROCK_API = "https://docs.aws.amazon.com/bedrock/latest/APIReference/";
    static final String S3_API = "https://docs.aws.amazon.com/AmazonS3/latest/API/";
    static final String S3_GET_OBJECT = S3_API + "API_GetObject.html";
    static final String S3_HEAD_OBJECT = S3_API + "API_HeadObject.html";
    static final String S3_DELETE_OBJECTS = S3_API + "API_DeleteObjects.html";

    /** The service setting Default Host Management Configuration keeps its role in. */
    private static final Map<String, SymbolicValue> DHMC = Map.of("ResourceId",
            SymbolicValue.literal("ssm/managed-instance/default-ec2-instance-management-role"));

    /** One curated operation: where the fact comes from and what it needs. */
    record Entry(String source, BiFunction<SdkCall, RequirementMapper, List<Need>> needs) {
    }

    static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    private static void add(String serviceOps, String source, BiFunction<SdkCall, RequirementMapper, List<Need>> f) {
        for (String key : serviceOps.split(",")) {
            ENTRIES.put(key.trim(), new Entry(source, f));
        }
    }

    private static void renames(String source, String... opEqualsAction) {
        for (String e : opEqualsAction) {
            String[] kv = e.split("=");
            add(kv[0], source, just(kv[1]));
        }
    }

    private static BiFunction<SdkCall, RequirementMapper, List<Need>> just(String... actions) {
        return (c, m) -> {
            List<Need> out = new ArrayList<>();
            for (String a : actions) {
                out.add(m.need(a, c.arguments(), c.operation() + " is authorized as " + a));
            }
            return out;
        };
    }

    static {
        // S3: listing and HEAD requests are authorized as the read they stand for (SAR, "Actions defined by Amazon
        // S3": ListBucket grants ListObjects/ListObjectsV2/HeadBucket; GetObject grants HeadObject).
        add("s3.list_objects, s3.list_objects_v2, s3.head_bucket", S3, (c, m) -> List.of(m.need("s3:ListBucket",
                without(c.arguments(), "Key"), c.operation() + " is authorized as s3:ListBucket on the bucket")));
        // A request for a specific version needs s3:GetObjectVersion, and "The s3:GetObject permission is not
        // required in this scenario" (S3 API reference, GetObject and HeadObject, "Permissions"); the VersionId extra
        // adds s3:GetObjectVersion.
        add("s3.get_object", S3_GET_OBJECT, (c, m) -> c.arguments().containsKey("VersionId") ? List.of()
                : List.of(m.need("s3:GetObject", c.arguments(), "get_object calls GetObject")));
        add("s3.head_object", S3_HEAD_OBJECT, (c, m) -> c.arguments().containsKey("VersionId") ? List.of()
                : List.of(m.need("s3:GetObject", c.arguments(), "head_object is authorized as s3:GetObject")));
        // "To delete an object from a bucket, you must always specify the s3:DeleteObject permission"; "To delete a
        // specific version of an object from a versioning-enabled bucket, you must specify the
        // s3:DeleteObjectVersion permission" (S3 API reference, DeleteObjects, "Permissions").
        add("s3.delete_objects", S3_DELETE_OBJECTS, CuratedOperations::deleteObjects);
        add("s3.copy_object, s3.copy, s3.upload_part_copy", S3, CuratedOperations::copy);
        add("s3.create_multipart_upload, s3.upload_part, s3.complete_multipart_upload", S3,
                just("s3:PutObject"));
        add("s3.upload_file, s3.upload_fileobj", S3, (c, m) -> List.of(
                m.need("s3:PutObject", c.arguments(), c.operation() + " writes the object (in parts when large)"),
                // s3transfer aborts a multipart upload only when a part fails (files over the 8 MB multipart
                // threshold); a denied abort leaves the failed upload's parts behind, it does not fail the call
                // (boto3 docs, "Uploading files"; s3transfer upload.py, UploadSubmissionTask).
                m.need("s3:AbortMultipartUpload", c.arguments(),
                        c.operation() + " aborts its multipart upload when a part fails")
                        .optionalWhen("a multipart upload (over 8 MB) fails")));
        add("s3.download_file, s3.download_fileobj", S3, (c, m) -> List.of(m.need("s3:GetObject", c.arguments(),
                c.operation() + " reads the object (HeadObject and ranged GetObject)")));
        add("s3.list_buckets", S3, just("s3:ListAllMyBuckets"));
        // Bucket configuration APIs are authorized by the configuration's Get/Put action; deleting a configuration
        // is authorized as putting it (SAR, Amazon S3, "Actions defined by Amazon S3", and the S3 API reference's
        // "Permissions" section of each operation).
        renames(S3, "s3.delete_bucket_analytics_configuration=s3:PutAnalyticsConfiguration",
                "s3.delete_bucket_cors=s3:PutBucketCORS",
                "s3.delete_bucket_encryption=s3:PutEncryptionConfiguration",
                "s3.delete_bucket_intelligent_tiering_configuration=s3:PutIntelligentTieringConfiguration",
                "s3.delete_bucket_inventory_configuration=s3:PutInventoryConfiguration",
                "s3.delete_bucket_lifecycle=s3:PutLifecycleConfiguration",
                "s3.delete_bucket_metrics_configuration=s3:PutMetricsConfiguration",
                "s3.delete_bucket_ownership_controls=s3:PutBucketOwnershipControls",
                "s3.delete_bucket_replication=s3:PutReplicationConfiguration",
                "s3.delete_bucket_tagging=s3:PutBucketTagging",
                "s3.delete_public_access_block=s3:PutBucketPublicAccessBlock",
                "s3.get_bucket_accelerate_configuration=s3:GetAccelerateConfiguration",
                "s3.get_bucket_analytics_configuration=s3:GetAnalyticsConfiguration",
                "s3.list_bucket_analytics_configurations=s3:GetAnalyticsConfiguration",
                "s3.get_bucket_encryption=s3:GetEncryptionConfiguration",
                "s3.get_bucket_intelligent_tiering_configuration=s3:GetIntelligentTieringConfiguration",
                "s3.list_bucket_intelligent_tiering_configurations=s3:GetIntelligentTieringConfiguration",
                "s3.get_bucket_inventory_configuration=s3:GetInventoryConfiguration",
                "s3.list_bucket_inventory_configurations=s3:GetInventoryConfiguration",
                "s3.get_bucket_lifecycle=s3:GetLifecycleConfiguration",
                "s3.get_bucket_lifecycle_configuration=s3:GetLifecycleConfiguration",
                "s3.get_bucket_metrics_configuration=s3:GetMetricsConfiguration",
                "s3.list_bucket_metrics_configurations=s3:GetMetricsConfiguration",
                "s3.get_bucket_notification_configuration=s3:GetBucketNotification",
                "s3.get_bucket_replication=s3:GetReplicationConfiguration",
                "s3.get_object_lock_configuration=s3:GetBucketObjectLockConfiguration",
                "s3.get_public_access_block=s3:GetBucketPublicAccessBlock",
                "s3.put_bucket_accelerate_configuration=s3:PutAccelerateConfiguration",
                "s3.put_bucket_analytics_configuration=s3:PutAnalyticsConfiguration",
                "s3.put_bucket_encryption=s3:PutEncryptionConfiguration",
                "s3.put_bucket_intelligent_tiering_configuration=s3:PutIntelligentTieringConfiguration",
                "s3.put_bucket_inventory_configuration=s3:PutInventoryConfiguration",
                "s3.put_bucket_lifecycle=s3:PutLifecycleConfiguration",
                "s3.put_bucket_lifecycle_configuration=s3:PutLifecycleConfiguration",
                "s3.put_bucket_metrics_configuration=s3:PutMetricsConfiguration",
                "s3.put_bucket_notification_configuration=s3:PutBucketNotification",
                "s3.put_bucket_replication=s3:PutReplicationConfiguration",
                "s3.put_object_lock_configuration=s3:PutBucketObjectLockConfiguration",
                "s3.put_public_access_block=s3:PutBucketPublicAccessBlock",
                "s3.select_object_content=s3:GetObject");
        // S3 Metadata configurations (the operations that replaced the *MetadataTableConfiguration ones) are
        // authorized by the metadata table configuration actions: "you must have the
        // s3:DeleteBucketMetadataTableConfiguration permission" / s3:GetBucketMetadataTableConfiguration (the
        // models' Permissions text for DeleteBucketMetadataConfiguration and GetBucketMetadataConfiguration; the S3
        // API reference, CreateBucketMetadataConfiguration, lists s3:CreateBucketMetadataTableConfiguration).
        renames(S3_API + "API_CreateBucketMetadataConfiguration.html",
                "s3.create_bucket_metadata_configuration=s3:CreateBucketMetadataTableConfiguration",
                "s3.delete_bucket_metadata_configuration=s3:DeleteBucketMetadataTableConfiguration",
                "s3.get_bucket_metadata_configuration=s3:GetBucketMetadataTableConfiguration");
        // RenameObject works on directory buckets only, authorized by the session: "you grant the
        // s3express:CreateSession permission to the directory bucket" (S3 API reference, RenameObject, Permissions).
        renames(S3_API + "API_RenameObject.html", "s3.rename_object=s3express:CreateSession");
        // Directory buckets (S3 Express One Zone) and Object Lambda have their own prefixes.
        renames(SAR + "list_amazons3express.html", "s3.create_session=s3express:CreateSession",
                "s3.list_directory_buckets=s3express:ListAllMyDirectoryBuckets");
        renames(SAR + "list_amazons3objectlambda.html",
                "s3.write_get_object_response=s3-object-lambda:WriteGetObjectResponse");
        // ReEncrypt is authorized on both keys: ReEncryptFrom on the source, ReEncryptTo on the destination.
        add("kms.re_encrypt", KMS, (c, m) -> List.of(
                m.need("kms:ReEncryptFrom", keyArgs(c.arguments().get("SourceKeyId")), "re_encrypt reads with the source key"),
                m.need("kms:ReEncryptTo", keyArgs(c.arguments().get("DestinationKeyId")),
                        "re_encrypt writes with the destination key")));
        renames(LAMBDA, "lambda.get_layer_version_by_arn=lambda:GetLayerVersion");
        add("s3.list_parts", S3, just("s3:ListMultipartUploadParts"));
        add("s3.list_object_versions", S3, just("s3:ListBucketVersions"));
        add("s3.list_multipart_uploads", S3, just("s3:ListBucketMultipartUploads"));
        // SES v2 shares the ses prefix; the identity is the From address.
        add("sesv2.send_email", SES, just("ses:SendEmail"));
        // Lambda: Invoke is authorized as InvokeFunction (SAR, AWS Lambda).
        add("lambda.invoke, lambda.invoke_with_response_stream", LAMBDA, just("lambda:InvokeFunction"));
        add("lambda.invoke_async", LAMBDA, just("lambda:InvokeFunction"));
        // DynamoDB transactions are authorized per item with the item action (DynamoDB developer guide,
        // "Using IAM with DynamoDB transactions").
        add("dynamodb.transact_write_items", DYNAMODB, CuratedOperations::transactWrite);
        add("dynamodb.transact_get_items", DYNAMODB, CuratedOperations::transactGet);
        add("dynamodb.batch_write_item", DYNAMODB, (c, m) -> perTable(c, m, "dynamodb:BatchWriteItem"));
        add("dynamodb.batch_get_item", DYNAMODB, (c, m) -> perTable(c, m, "dynamodb:BatchGetItem"));
        // PartiQL statements are authorized by verb (SAR: PartiQLSelect/Insert/Update/Delete).
        add("dynamodb.execute_statement, dynamodb.batch_execute_statement, dynamodb.execute_transaction", DYNAMODB,
                CuratedOperations::partiql);
        // API Gateway management API (post/get/delete connection) is authorized as execute-api:ManageConnections.
        add("apigatewaymanagementapi.post_to_connection, apigatewaymanagementapi.get_connection, "
                + "apigatewaymanagementapi.delete_connection", EXECUTE_API, CuratedOperations::manageConnections);
        // AssumeRole needs sts:AssumeRole on the role; passing session tags needs sts:TagSession and a source
        // identity sts:SetSourceIdentity (STS API reference, AssumeRole; IAM user guide, "Passing session tags in
        // AWS STS" and "Monitor and control actions taken with assumed roles").
        add("sts.assume_role", "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html",
                CuratedOperations::assumeRole);
        // AssumeRoot is authorized on the member account's root user ("arn:${Partition}:iam::${Account}:root", SAR,
        // AWS STS), the account TargetPrincipal names (STS API reference, AssumeRoot), by the management account's
        // identity policy alone (IAM user guide, "Centrally manage root access for member accounts"). The member
        // account is left unknown: written as the resource's account it would read as a cross-account request
        // that needs a resource policy, which AssumeRoot does not have.
        add("sts.assume_root", "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html",
                (c, m) -> List.of(m.need("sts:AssumeRoot", Map.of("Account", SymbolicValue.literal(SymbolicValue.UNKNOWN)),
                        "assume_root acts as the root user of the member account TargetPrincipal names")));
        // Bedrock's Converse API is authorized as the invoke actions: "This operation requires permission for the
        // bedrock:InvokeModel action" (Converse, StartAsyncInvoke), "... for the
        // bedrock:InvokeModelWithResponseStream action" (ConverseStream) (Amazon Bedrock API reference).
        // The resource is the model modelId names (see bedrockModel).
        add("bedrock-runtime.converse, bedrock-runtime.start_async_invoke, bedrock-runtime.invoke_model",
                BEDROCK_API + "API_runtime_Converse.html", (c, m) -> bedrockModel(c, m, "bedrock:InvokeModel"));
        add("bedrock-runtime.converse_stream, bedrock-runtime.invoke_model_with_response_stream",
                BEDROCK_API + "API_runtime_ConverseStream.html",
                (c, m) -> bedrockModel(c, m, "bedrock:InvokeModelWithResponseStream"));
        // "This API operation requires the following IAM permissions: GetDistribution, UpdateDistribution" (CloudFront
        // API reference, UpdateDistributionWithStagingConfig), on the primary and on the staging distribution whose
        // configuration it copies. The Service Authorization Reference also lists an action of the operation's name;
        // the API reference does not say it is checked, so its absence is a warning, not a certain denial.
        add("cloudfront.update_distribution_with_staging_config",
                "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateDistributionWithStagingConfig.html",
                CuratedOperations::promoteStaging);
        // Operations IAM does not authorize or that need no permission (sts.get_caller_identity, get_session_token,
        // assume_role_with_web_identity/_saml, Cognito's unauthenticated and token-authorized user pool operations,
        // Cognito identity's public operations) are in the reviewed noIam table of tools/iamdata/curated.json, which
        // the knowledge base carries (RequirementMapper.noIam).
        // Default Host Management: "You need the ssm:GetServiceSetting and ssm:UpdateServiceSetting permissions for
        // the /ssm/managed-instance/default-ec2-instance-management-role service setting. You need the iam:GetRole and
        // iam:PassRole permissions for the role"; deregistering needs ssm:GetServiceSetting and
        // ssm:ResetServiceSetting, and iam:DeleteRole when the role is service-managed (SSM API reference,
        // RegisterDefaultHostManagementConfiguration and DeregisterDefaultHostManagementConfiguration).
        String ssmApi = "https://docs.aws.amazon.com/systems-manager/latest/APIReference/";
        add("ssm.register_default_host_management_configuration",
                ssmApi + "API_RegisterDefaultHostManagementConfiguration.html", (c, m) -> List.of(
                        m.need("ssm:GetServiceSetting", DHMC, "reads the Default Host Management service setting"),
                        m.need("ssm:UpdateServiceSetting", DHMC, "updates the Default Host Management service setting"),
                        m.need("iam:GetRole", roleArgs(c), "reads the role Default Host Management uses"),
                        m.need("iam:PassRole", roleArgs(c), Map.of("iam:PassedToService", "ssm.amazonaws.com"),
                                "passes the role Default Host Management uses")));
        add("ssm.deregister_default_host_management_configuration",
                ssmApi + "API_DeregisterDefaultHostManagementConfiguration.html", (c, m) -> List.of(
                        m.need("ssm:GetServiceSetting", DHMC, "reads the Default Host Management service setting"),
                        m.need("ssm:ResetServiceSetting", DHMC, "resets the Default Host Management service setting"),
                        m.need("iam:DeleteRole", Map.of(), "removes the service-managed role")
                                .onlyIf("the registered role is service-managed")));
        // Batch APIs of SQS and SNS are authorized with the single-message action (SQS developer guide, "Amazon SQS
        // API permissions"; SNS PublishBatch needs sns:Publish).
        add("sqs.send_message_batch", SQS, just("sqs:SendMessage"));
        add("sqs.delete_message_batch", SQS, just("sqs:DeleteMessage"));
        add("sqs.change_message_visibility_batch", SQS, just("sqs:ChangeMessageVisibility"));
        add("sns.publish_batch", SNS, just("sns:Publish"));
        // A publish to a phone number (an SMS) or a platform endpoint names no topic: sns:Publish is evaluated against
        // "*" then ("Publish to a TargetArn or PhoneNumber": "Resource": "*", Step Functions developer guide, "IAM
        // policies for Amazon SNS", https://docs.aws.amazon.com/step-functions/latest/dg/sns-iam.html).
        add("sns.publish", "https://docs.aws.amazon.com/step-functions/latest/dg/sns-iam.html", (c, m) ->
                c.arguments().containsKey("PhoneNumber") && !c.arguments().containsKey("TopicArn")
                        && !c.arguments().containsKey("TargetArn")
                        ? List.of(m.need("sns:Publish", c.arguments(), "publish sends an SMS to a phone number, which "
                        + "names no topic: sns:Publish is authorized on \"*\"").onAnyResource())
                        : List.of(m.need("sns:Publish", c.arguments(), "publish calls Publish")));
        // GetParameters is authorized on each requested parameter (SSM user guide, "How Parameter Store authorizes
        // parameter retrieval").
        add("ssm.get_parameters", SSM, (c, m) -> {
            List<Need> out = new ArrayList<>();
            if (c.arguments().get("Names") instanceof SymbolicValue.ListValue names && !names.items().isEmpty()) {
                for (SymbolicValue name : names.items()) {
                    out.add(m.need("ssm:GetParameters", with(without(c.arguments(), "Names"), "Name", name),
                            "get_parameters reads " + name.describe()));
                }
            } else {
                out.add(m.need("ssm:GetParameters", c.arguments(), "get_parameters calls GetParameters"));
            }
            return out;
        });
    }

    /**
     * Operations newer than the bundled Service Authorization Reference whose action no AWS page we could read names:
     * they are authorized by the action of their name (the convention the reference states for every service), which
     * tools/iamdata/curated.json's newActions adds to the knowledge base. A need on such an action is a warning, never
     * a certain denial, and the coverage report does not count it as confirmed.
     */
    static final Set<String> ASSUMED = new java.util.LinkedHashSet<>();

    private static void assumed(String source, String... opEqualsAction) {
        for (String e : opEqualsAction) {
            String[] kv = e.split("=");
            ASSUMED.add(kv[0]);
            add(kv[0], source, (c, m) -> List.of(m.need(kv[1], c.arguments(), c.operation() + " is taken to be "
                    + "authorized as " + kv[1]).onlyIf("the operation is authorized by the action of its name ("
                    + kv[1] + "), which the bundled Service Authorization Reference predates and no AWS page we read "
                    + "names")));
        }
    }

    static {
        // Operations newer than the bundled reference whose API reference names the action (the model's text):
        // "Required permissions: kms:Encapsulate (key policy)" / "kms:Decapsulate (key policy)" (KMS API reference,
        // Encapsulate, Decapsulate); "To call DescribeTermsByClient, you must have the
        // cognito-idp:DescribeTermsByClient Identity and Access Management (IAM) permission" (Cognito API reference).
        // curated.json's newActions adds these actions to the knowledge base with the same citations.
        String kmsApi = "https://docs.aws.amazon.com/kms/latest/APIReference/";
        renames(kmsApi + "API_Encapsulate.html", "kms.encapsulate=kms:Encapsulate");
        renames(kmsApi + "API_Decapsulate.html", "kms.decapsulate=kms:Decapsulate");
        renames("https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/"
                + "API_DescribeTermsByClient.html", "cognito-idp.describe_terms_by_client=cognito-idp:DescribeTermsByClient");
        // Newer operations whose pages name no action (see ASSUMED).
        String ddbApi = "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/";
        assumed(ddbApi + "API_StartBulkPutItems.html", "dynamodb.start_bulk_put_items=dynamodb:StartBulkPutItems",
                "dynamodb.describe_bulk_operation=dynamodb:DescribeBulkOperation",
                "dynamodb.list_bulk_operations=dynamodb:ListBulkOperations",
                "dynamodb.cancel_bulk_operation=dynamodb:CancelBulkOperation");
        assumed("https://docs.aws.amazon.com/cognito/latest/developerguide/managing-user-sessions.html",
                "cognito-idp.admin_list_user_sessions=cognito-idp:AdminListUserSessions",
                "cognito-idp.admin_revoke_user_session=cognito-idp:AdminRevokeUserSession",
                "cognito-idp.get_user_pool_client_session_configuration="
                        + "cognito-idp:GetUserPoolClientSessionConfiguration",
                "cognito-idp.get_user_pool_session_configuration=cognito-idp:GetUserPoolSessionConfiguration",
                "cognito-idp.set_user_pool_client_session_configuration="
                        + "cognito-idp:SetUserPoolClientSessionConfiguration",
                "cognito-idp.set_user_pool_session_configuration=cognito-idp:SetUserPoolSessionConfiguration");
        // ReplicateKey: "kms:ReplicateKey on the primary key (in the primary key's Region). kms:CreateKey in an IAM
        // policy in the replica Region. To use the Tags parameter, kms:TagResource in an IAM policy in the replica
        // Region" (KMS API reference, ReplicateKey).
        add("kms.replicate_key", kmsApi + "API_ReplicateKey.html", (c, m) -> {
            List<Need> out = new ArrayList<>();
            out.add(m.need("kms:ReplicateKey", keyArgs(c.arguments().get("KeyId")), "replicate_key reads the primary key"));
            Map<String, SymbolicValue> replica = keyArgs(null);
            replica.put("Region", c.arguments().getOrDefault("ReplicaRegion", SymbolicValue.unknown("region")));
            out.add(m.need("kms:CreateKey", replica, "replicate_key creates the replica key in ReplicaRegion"));
            if (c.arguments().containsKey("Tags")) {
                out.add(m.need("kms:TagResource", replica, "Tags= tags the replica key in ReplicaRegion"));
            }
            return out;
        });
        // "secretsmanager:BatchGetSecretValue, and you must have secretsmanager:GetSecretValue for each secret. If
        // you use filters, you must also have secretsmanager:ListSecrets" (Secrets Manager API reference,
        // BatchGetSecretValue).
        add("secretsmanager.batch_get_secret_value",
                "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html",
                CuratedOperations::batchGetSecretValue);
        // Dead-letter queue redrive: the source queue needs sqs:StartMessageMoveTask, sqs:ReceiveMessage,
        // sqs:DeleteMessage and sqs:GetQueueAttributes, the destination sqs:SendMessage (SQS developer guide,
        // "Configure queue permissions for dead-letter queue redrive"); without DestinationArn the messages go back to
        // their original source queues, which the call does not name.
        add("sqs.start_message_move_task", "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/"
                + "SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html", CuratedOperations::messageMoveTask);
    }

    private static List<Need> batchGetSecretValue(SdkCall c, RequirementMapper m) {
        List<Need> out = new ArrayList<>();
        out.add(m.need("secretsmanager:BatchGetSecretValue", Map.of(), "batch_get_secret_value calls BatchGetSecretValue"));
        if (c.arguments().get("SecretIdList") instanceof SymbolicValue.ListValue ids && !ids.items().isEmpty()) {
            for (SymbolicValue id : ids.items()) {
                out.add(m.need("secretsmanager:GetSecretValue", Map.of("SecretId", id),
                        "batch_get_secret_value reads " + id.describe()));
            }
        } else {
            out.add(m.need("secretsmanager:GetSecretValue", Map.of("SecretId", SymbolicValue.unknown("secret")),
                    "batch_get_secret_value reads each secret it returns"));
        }
        if (c.arguments().containsKey("Filters")) {
            out.add(m.need("secretsmanager:ListSecrets", Map.of(), "Filters= lists the secrets to read"));
        }
        return out;
    }

    private static List<Need> messageMoveTask(SdkCall c, RequirementMapper m) {
        List<Need> out = new ArrayList<>();
        Map<String, SymbolicValue> source = queueArn(c.arguments().get("SourceArn"));
        out.add(m.need("sqs:StartMessageMoveTask", source, "start_message_move_task starts on the source queue"));
        for (String a : List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")) {
            out.add(m.need(a, source, "the move task reads and deletes the source queue's messages"));
        }
        SymbolicValue destination = c.arguments().get("DestinationArn");
        out.add(m.need("sqs:SendMessage", queueArn(destination), destination != null
                ? "the move task sends the messages to DestinationArn"
                : "the move task sends the messages back to their original source queues"));
        return out;
    }

    /** A queue ARN argument as the ARN of the queue (a queue name from its last segment). */
    private static Map<String, SymbolicValue> queueArn(SymbolicValue arn) {
        if (arn == null) {
            return Map.of("QueueName", SymbolicValue.unknown("queue"));
        }
        return Map.of("QueueArn", arn, "QueueName", SymbolicValue.literal(arn.render().contains(":")
                ? arn.render().substring(arn.render().lastIndexOf(':') + 1) : SymbolicValue.UNKNOWN));
    }

    private CuratedOperations() {
    }

    static Optional<List<Need>> needs(SdkCall call, RequirementMapper m) {
        Entry e = ENTRIES.get(call.service() + "." + call.operation());
        return e == null ? Optional.empty() : Optional.of(e.needs().apply(call, m));
    }

    // ------------------------------------------------------------------------------------------------------- extras

    /** Actions a call needs because of its parameters. */
    static List<Need> extras(SdkCall c, RequirementMapper m) {
        List<Need> out = new ArrayList<>();
        Map<String, SymbolicValue> a = c.arguments();
        if (c.service().equals("s3")) {
            String op = c.operation();
            boolean writes = List.of("put_object", "upload_file", "upload_fileobj", "copy_object", "copy",
                    "create_multipart_upload").contains(op);
            boolean multipart = List.of("upload_file", "upload_fileobj", "copy", "create_multipart_upload")
                    .contains(op);
            boolean kms = a.containsKey("SSEKMSKeyId") || a.get("ServerSideEncryption") != null
                    && a.get("ServerSideEncryption").render().startsWith("aws:kms");
            if (writes && kms && !awsManagedKey(a.get("SSEKMSKeyId"))) {
                // SSE-KMS: S3 asks KMS for a data key on upload, and decrypts it to complete a multipart upload
                // (S3 user guide, "Using server-side encryption with AWS KMS keys", permissions). Without
                // SSEKMSKeyId S3 uses the bucket's default key, which is the AWS managed aws/s3 unless the bucket's
                // default encryption names a customer managed key (S3 user guide, "Specifying server-side
                // encryption with AWS KMS"); only the latter needs a statement.
                SymbolicValue keyId = a.get("SSEKMSKeyId");
                Map<String, SymbolicValue> key = keyArgs(keyId);
                Map<String, String> via = Map.of("kms:ViaService", "s3.${Region}.amazonaws.com");
                List<Need> kmsNeeds = new ArrayList<>();
                kmsNeeds.add(m.need("kms:GenerateDataKey", key, via, "ServerSideEncryption=aws:kms: S3 generates a data key"));
                if (multipart) {
                    kmsNeeds.add(m.need("kms:Decrypt", key, via, "multipart upload with SSE-KMS decrypts the data key"));
                }
                for (Need n : kmsNeeds) {
                    out.add(keyId != null ? dependsOnKey(n, keyId, "the key SSEKMSKeyId names")
                            : n.onlyIf("the bucket's default encryption uses a customer managed key (the AWS managed "
                            + "key aws/s3 needs no statement)"));
                }
            }
            if (writes && a.containsKey("ACL")) {
                // "(Conditionally required) s3:PutObjectAcl: required if you want to specify an access control list
                // (ACL) when you make a PutObject request" (S3 user guide, "Required permissions for Amazon S3 API
                // operations"). Whether S3 checks it for the canned ACLs that grant no one but the owners anything
                // ('private' is what every object gets by default, S3 user guide, "Canned ACL") is not documented,
                // and uploads with them are reported to succeed without it (jenkinsci/pipeline-aws-plugin#183): for
                // those it is needed only if S3 checks it.
                Need acl = m.need("s3:PutObjectAcl", a, "ACL= sets the object's ACL");
                String canned = a.get("ACL").render();
                out.add(OWNER_ONLY_ACLS.contains(canned) ? acl.onlyIf("S3 checks s3:PutObjectAcl for the canned ACL '"
                        + canned + "', which grants no one but the owners anything") : acl);
            }
            if (writes && a.containsKey("Tagging")) {
                out.add(m.need("s3:PutObjectTagging", a, "Tagging= tags the object"));
            }
            if (a.containsKey("VersionId")) {
                String action = switch (op) {
                    case "get_object", "head_object", "download_file", "download_fileobj" -> "s3:GetObjectVersion";
                    case "delete_object" -> "s3:DeleteObjectVersion";
                    case "get_object_acl" -> "s3:GetObjectVersionAcl";
                    case "put_object_acl" -> "s3:PutObjectVersionAcl";
                    case "get_object_tagging" -> "s3:GetObjectVersionTagging";
                    case "put_object_tagging" -> "s3:PutObjectVersionTagging";
                    case "delete_object_tagging" -> "s3:DeleteObjectVersionTagging";
                    default -> null;
                };
                if (action != null) {
                    out.add(m.need(action, a, "VersionId= acts on a specific version"));
                }
            }
        }
        tagsOnCreate(c, m, out);
        passRole(c, m, out);
        namedKey(c, m, out);
        if (c.service().equals("ssm") && List.of("get_parameter", "get_parameters", "get_parameters_by_path")
                .contains(c.operation()) && a.get("WithDecryption") != null
                && a.get("WithDecryption").render().equals("True")) {
            // SecureString values are decrypted with their KMS key; a customer managed key needs kms:Decrypt in the
            // caller's policy (SSM user guide, "Restricting access to Parameter Store parameters using IAM policies").
            // The key is not visible in code, so it is unknown; the AWS managed aws/ssm key needs no statement.
            out.add(m.need("kms:Decrypt", keyArgs(null),
                    Map.of("kms:ViaService", "ssm.${Region}.amazonaws.com"),
                    "WithDecryption=True decrypts SecureString values with their KMS key")
                    .onlyIf("the parameter is encrypted with a customer managed key (the AWS managed key aws/ssm "
                            + "needs no statement)"));
        }
        return out;
    }

    /**
     * Customer managed KMS keys named in arguments: operation -> [key member, service principal for kms:ViaService,
     * KMS actions..., source]. "To encrypt the secret with a KMS key other than aws/secretsmanager, you need
     * kms:GenerateDataKey and kms:Decrypt permission to the key" (Secrets Manager API reference, CreateSecret); "If
     * you use a customer managed key, you must also have kms:GenerateDataKey, kms:Encrypt, and kms:Decrypt
     * permissions on the key" (UpdateSecret). Parameter Store encrypts a standard SecureString parameter with
     * kms:Encrypt and an advanced one with a data key, kms:GenerateDataKey (KMS developer guide, "How AWS Systems
     * Manager Parameter Store uses AWS KMS"). The AWS managed keys (alias/aws/...) need no statement.
     */
    static final Map<String, String[]> NAMED_KEYS = Map.of(
            "secretsmanager.create_secret", new String[]{"KmsKeyId", "secretsmanager", "kms:GenerateDataKey",
                    "kms:Decrypt", "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html"},
            "secretsmanager.update_secret", new String[]{"KmsKeyId", "secretsmanager", "kms:GenerateDataKey",
                    "kms:Encrypt", "kms:Decrypt",
                    "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecret.html"},
            "ssm.put_parameter", new String[]{"KeyId", "ssm", "kms:Encrypt",
                    "https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html"});

    private static void namedKey(SdkCall c, RequirementMapper m, List<Need> out) {
        String[] row = NAMED_KEYS.get(c.service() + "." + c.operation());
        SymbolicValue key = row == null ? null : c.arguments().get(row[0]);
        if (key == null || awsManagedKey(key)) {
            return;
        }
        SymbolicValue type = c.arguments().get("Type");
        if (c.service().equals("ssm") && (type == null || !type.render().equals("SecureString"))) {
            // KeyId applies to SecureString parameters only.
            return;
        }
        boolean advanced = c.arguments().get("Tier") != null && !c.arguments().get("Tier").render().equals("Standard");
        Map<String, String> via = Map.of("kms:ViaService", row[1] + ".${Region}.amazonaws.com");
        for (int i = 2; i < row.length - 1; i++) {
            String action = c.service().equals("ssm") && advanced ? "kms:GenerateDataKey" : row[i];
            out.add(dependsOnKey(m.need(action, keyArgs(key), via, row[0] + "= names the KMS key "
                    + c.operation() + " encrypts with"), key, "the key " + row[0] + " names"));
        }
    }

    /** Canned ACLs that add no grant beyond the object's and the bucket's owners (S3 user guide, "Canned ACL"). */
    private static final Set<String> OWNER_ONLY_ACLS = Set.of("private",
            "bucket-owner-full-control");

    /**
     * Creating a resource with tags needs the service's tagging action too. Each row cites the API reference:
     * SQS CreateQueue ("To be able to tag a queue on creation, you must have the sqs:CreateQueue and sqs:TagQueue
     * permissions"), SNS CreateTopic ("you must have the sns:CreateTopic and sns:TagResource permissions"), Secrets
     * Manager CreateSecret ("If you include tags in the secret, you also need secretsmanager:TagResource"), KMS
     * CreateKey ("To use the Tags parameter, kms:TagResource").
     */
    static final Map<String, String[]> TAGS_ON_CREATE = Map.of(
            "sqs.create_queue", new String[]{"tags", "sqs:TagQueue",
                    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html"},
            "sns.create_topic", new String[]{"Tags", "sns:TagResource",
                    "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html"},
            "secretsmanager.create_secret", new String[]{"Tags", "secretsmanager:TagResource",
                    "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html"},
            "kms.create_key", new String[]{"Tags", "kms:TagResource",
                    "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html"},
            // "If you pass the Tags parameter, in addition to having the kinesis:CreateStream permission, you must also
            // have the kinesis:AddTagsToStream permission for the stream that will be created" (Kinesis API reference,
            // CreateStream); "... the kinesis:TagResource permission for the consumer that will be registered"
            // (RegisterStreamConsumer); "To use the PutRule operation and assign tags, you must have both the
            // events:PutRule and events:TagResource permissions" (EventBridge API reference, PutRule).
            "kinesis.create_stream", new String[]{"Tags", "kinesis:AddTagsToStream",
                    "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html"},
            "kinesis.register_stream_consumer", new String[]{"Tags", "kinesis:TagResource",
                    "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RegisterStreamConsumer.html"},
            "events.put_rule", new String[]{"Tags", "events:TagResource",
                    "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html"});

    private static void tagsOnCreate(SdkCall c, RequirementMapper m, List<Need> out) {
        String[] row = TAGS_ON_CREATE.get(c.service() + "." + c.operation());
        if (row == null || !c.arguments().containsKey(row[0])) {
            return;
        }
        Map<String, SymbolicValue> args = new LinkedHashMap<>(c.arguments());
        if (c.service().equals("secretsmanager") && args.containsKey("Name")) {
            args.put("SecretId", args.get("Name"));
        }
        if (c.service().equals("sns") && args.containsKey("Name")) {
            args.put("TopicName", args.get("Name"));
        }
        if (c.service().equals("kms")) {
            args = keyArgs(null);
        }
        Need n = m.need(row[1], args, row[0] + "= tags the resource it creates");
        if (c.service().equals("events")) {
            // The rule put_rule names: on the default bus unless EventBusName names another (SAR, Amazon
            // EventBridge, resource types rule-on-default-event-bus and rule-on-custom-event-bus).
            args.put("RuleName", args.getOrDefault("Name", SymbolicValue.unknown("rule")));
            SymbolicValue bus = args.get("EventBusName");
            boolean onDefault = bus == null || bus.render().equals("default");
            n = m.need(row[1], args, row[0] + "= tags the rule it creates")
                    .on(onDefault ? "rule-on-default-event-bus" : "rule-on-custom-event-bus");
        }
        out.add(n);
    }

    /**
     * Passing a role to a service needs iam:PassRole on that role, with iam:PassedToService the service principal
     * (IAM user guide, "Grant a user permissions to pass a role to an AWS service",
     * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html). Operation -> role parameter
     * (a top-level argument; "Targets[].RoleArn" for the entries of a list) and the service principal.
     */
    static final Map<String, String[]> PASS_ROLE = new LinkedHashMap<>();

    static {
        String[][] rows = {
                {"lambda.create_function", "Role", "lambda.amazonaws.com"},
                {"lambda.update_function_configuration", "Role", "lambda.amazonaws.com"},
                {"stepfunctions.create_state_machine", "roleArn", "states.amazonaws.com"},
                {"stepfunctions.update_state_machine", "roleArn", "states.amazonaws.com"},
                {"events.put_rule", "RoleArn", "events.amazonaws.com"},
                {"events.put_targets", "Targets[].RoleArn", "events.amazonaws.com"},
                {"ssm.send_command", "ServiceRoleArn", "ssm.amazonaws.com"},
                {"ecs.register_task_definition", "taskRoleArn", "ecs-tasks.amazonaws.com"},
                {"ecs.register_task_definition", "executionRoleArn", "ecs-tasks.amazonaws.com"},
                {"glue.create_job", "Role", "glue.amazonaws.com"},
                {"glue.create_crawler", "Role", "glue.amazonaws.com"},
                {"sagemaker.create_training_job", "RoleArn", "sagemaker.amazonaws.com"},
                {"sagemaker.create_processing_job", "RoleArn", "sagemaker.amazonaws.com"},
                {"sagemaker.create_model", "ExecutionRoleArn", "sagemaker.amazonaws.com"},
                // "The IAM role you use for creating this job", which MediaConvert assumes to read the inputs and
                // write the outputs (MediaConvert user guide, "Setting up IAM permissions",
                // https://docs.aws.amazon.com/mediaconvert/latest/ug/iam-role.html).
                {"mediaconvert.create_job", "Role", "mediaconvert.amazonaws.com"},
                // Rows whose API Reference text (the model's documentation) says iam:PassRole is needed: "you must
                // also have the iam:PassRole permission" (CloudWatch Logs PutDestination, PutSubscriptionFilter),
                // "the iam:PassRole permission on that role" (Kinesis CreateChannel), "the user or role performing
                // the action must have the iam:PassRole permission" (S3 PutBucketReplication).
                {"logs.put_destination", "roleArn", "logs.amazonaws.com"},
                {"logs.put_subscription_filter", "roleArn", "logs.amazonaws.com"},
                {"kinesis.create_channel", "ServiceExecutionRoleARN", "kinesis.amazonaws.com"},
                {"s3.put_bucket_replication", "ReplicationConfiguration.Role", "s3.amazonaws.com"},
                // "iam:PassRole - required if you include an AnnotationTableConfiguration with an IAM role"
                // (CreateBucketMetadataConfiguration); "If you are specifying or changing the IAM role, you must also
                // have iam:PassRole permission for the role" (UpdateBucketMetadataAnnotationTableConfiguration). The
                // role's trust policy names "the Amazon S3 metadata service", whose principal the page does not give:
                // no iam:PassedToService.
                {"s3.create_bucket_metadata_configuration", "MetadataConfiguration.AnnotationTableConfiguration.Role",
                        null},
                {"s3.update_bucket_metadata_annotation_table_configuration", "AnnotationTableConfiguration.Role", null},
                // Reviewed role members of the 15 services (docs/coverage.md, "Role parameters"): the model's
                // documentation of the member says the service assumes the role, which is passing it (IAM user
                // guide, id_roles_use_passrole.html). SSM: "This IAM role must provide AssumeRole permissions for the
                // Amazon Web Services Systems Manager service principal ssm.amazonaws.com" (IamRole), "the IAM service
                // role for Amazon Web Services Systems Manager to assume when running a maintenance window task"
                // (ServiceRoleArn), "State Manager will assume this role" (AssociationDispatchAssumeRole). Secrets
                // Manager: "The role that Secrets Manager assumes to call APIs required to perform the rotation".
                // Step Functions TestState: "The TestState API assumes an IAM role". EventBridge global endpoints:
                // "The ARN of the role used for replication", which EventBridge assumes. Cognito user import jobs:
                // "an IAM role that has permission to log import-job results to Amazon CloudWatch Logs", assumed by
                // Cognito (Cognito developer guide, "Creating the CloudWatch Logs IAM role").
                {"ssm.create_activation", "IamRole", "ssm.amazonaws.com"},
                {"ssm.update_managed_instance_role", "IamRole", "ssm.amazonaws.com"},
                {"ssm.register_task_with_maintenance_window", "ServiceRoleArn", "ssm.amazonaws.com"},
                {"ssm.update_maintenance_window_task", "ServiceRoleArn", "ssm.amazonaws.com"},
                {"ssm.create_association", "AssociationDispatchAssumeRole", "ssm.amazonaws.com"},
                {"ssm.create_association_batch", "AssociationDispatchAssumeRole", "ssm.amazonaws.com"},
                {"ssm.update_association", "AssociationDispatchAssumeRole", "ssm.amazonaws.com"},
                {"secretsmanager.rotate_secret", "ExternalSecretRotationRoleArn", "secretsmanager.amazonaws.com"},
                {"stepfunctions.test_state", "roleArn", "states.amazonaws.com"},
                {"events.create_endpoint", "RoleArn", "events.amazonaws.com"},
                {"events.update_endpoint", "RoleArn", "events.amazonaws.com"},
                {"cognito-idp.create_user_import_job", "CloudWatchLogsRoleArn", "cognito-idp.amazonaws.com"},
                // Reviewed, not certain: the model says the cloud connector "uses" the role without saying which
                // principal assumes it; a Cognito group's role is declared in the users' tokens for an identity pool
                // to assume ("A group role primarily declares a preferred role for the credentials that you get from
                // an identity pool"), so Cognito user pools may not check iam:PassRole for it.
                {"ssm.create_cloud_connector", "RoleArn", "ssm.amazonaws.com",
                        "SSM checks iam:PassRole for the cloud connector's role (its model does not say who assumes it)"},
                {"cognito-idp.create_group", "RoleArn", "cognito-identity.amazonaws.com",
                        "Cognito checks iam:PassRole for a group's role (an identity pool assumes it, not the user pool)"},
                {"cognito-idp.update_group", "RoleArn", "cognito-identity.amazonaws.com",
                        "Cognito checks iam:PassRole for a group's role (an identity pool assumes it, not the user pool)"}};
        for (String[] r : rows) {
            PASS_ROLE.merge(r[0], new String[]{r[1], r[2], r.length > 3 ? r[3] : null},
                    (a, b) -> new String[]{a[0] + "," + b[0], a[1], a[2]});
        }
    }

    private static void passRole(SdkCall c, RequirementMapper m, List<Need> out) {
        String[] row = PASS_ROLE.get(c.service() + "." + c.operation());
        if (row == null) {
            return;
        }
        // A row that cannot name the service principal (the API reference does not) sets no iam:PassedToService.
        Map<String, String> context = row[1] == null ? Map.of() : Map.of("iam:PassedToService", row[1]);
        for (String param : row[0].split(",")) {
            List<SymbolicValue> roles = new ArrayList<>();
            if (param.contains("[].")) {
                String list = param.substring(0, param.indexOf('['));
                String field = param.substring(param.indexOf("].") + 2);
                if (c.arguments().get(list) instanceof SymbolicValue.ListValue lv) {
                    for (SymbolicValue item : lv.items()) {
                        if (item instanceof SymbolicValue.MapValue mv && mv.entries().containsKey(field)) {
                            roles.add(mv.entries().get(field));
                        }
                    }
                }
            } else if (param.contains(".")) {
                // A member of a structure argument (ReplicationConfiguration.Role), at any depth.
                String[] path = param.split("\\.");
                SymbolicValue v = c.arguments().get(path[0]);
                for (int i = 1; i < path.length && v != null; i++) {
                    v = v instanceof SymbolicValue.MapValue mv ? mv.entries().get(path[i]) : null;
                }
                if (v != null) {
                    roles.add(v);
                }
            } else if (c.arguments().containsKey(param)) {
                roles.add(c.arguments().get(param));
            }
            for (SymbolicValue role : roles) {
                Map<String, SymbolicValue> args = new LinkedHashMap<>();
                if (role.render().startsWith("arn:")) {
                    args.put("Arn", role);
                } else {
                    // Glue takes a role name or ARN.
                    args.put("RoleNameWithPath", role);
                }
                Need n = m.need("iam:PassRole", args, context, param + "= passes the role to "
                        + (row[1] == null ? "the service" : row[1]));
                out.add(row[2] == null ? n : n.onlyIf(row[2]));
            }
        }
    }

    /**
     * Whether a key id names an AWS managed key ({@code alias/aws/ssm}, {@code arn:...:alias/aws/s3}): its key policy
     * allows every principal of the account to use it through its service, so no identity statement is needed
     * (KMS developer guide, "AWS managed keys"; the key policy of an AWS managed key, with kms:ViaService and
     * kms:CallerAccount).
     */
    static boolean awsManagedKey(SymbolicValue keyId) {
        if (keyId == null) {
            return false;
        }
        String k = keyId.render();
        int i = k.indexOf("alias/aws/");
        return (i == 0 || i > 0 && k.startsWith("arn:")) && !k.substring(i).contains(SymbolicValue.UNKNOWN);
    }

    /**
     * A key need whose key is named by a value: certain when the value names a customer managed key (a literal, or a
     * value the deploy target sets, which IaC can only point at a customer managed key), else decided by that value
     * (an unknown, an unset variable, an alias whose name is partly unknown may be an AWS managed key).
     */
    static Need dependsOnKey(Need n, SymbolicValue keyId, String which) {
        String k = keyId.render();
        boolean unknown = keyId instanceof SymbolicValue.Unknown || keyId instanceof SymbolicValue.EnvVar
                || keyId instanceof SymbolicValue.OneOf || k.equals(SymbolicValue.UNKNOWN)
                || k.contains("alias/") && k.contains(SymbolicValue.UNKNOWN);
        return !unknown ? n : n.onlyIf(which + " (" + keyId.describe()
                + ") is customer managed, not an AWS managed key (alias/aws/...)");
    }

    /** The role a RoleArn argument names (a role name or path resolves under the caller's account). */
    private static Map<String, SymbolicValue> roleArgs(SdkCall c) {
        SymbolicValue role = c.arguments().get("RoleArn");
        if (role == null) {
            return Map.of();
        }
        return Map.of(role.render().startsWith("arn:") ? "Arn" : "RoleNameWithPath", role);
    }

    private static Map<String, SymbolicValue> keyArgs(SymbolicValue keyId) {
        Map<String, SymbolicValue> m = new LinkedHashMap<>();
        m.put("KeyId", keyId == null ? SymbolicValue.unknown("key") : keyId);
        return m;
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private static Map<String, SymbolicValue> without(Map<String, SymbolicValue> args, String key) {
        Map<String, SymbolicValue> m = new LinkedHashMap<>(args);
        m.remove(key);
        return m;
    }

    private static Map<String, SymbolicValue> with(Map<String, SymbolicValue> args, String key, SymbolicValue v) {
        Map<String, SymbolicValue> m = new LinkedHashMap<>(args);
        m.put(key, v);
        return m;
    }

    /** s3:DeleteObject on each key, and s3:DeleteObjectVersion when an entry names a version. */
    private static List<Need> deleteObjects(SdkCall c, RequirementMapper m) {
        Map<String, SymbolicValue> keys = with(without(c.arguments(), "Delete"), "Key", SymbolicValue.unknown("keys"));
        List<Need> out = new ArrayList<>();
        out.add(m.need("s3:DeleteObject", keys, "delete_objects is authorized as s3:DeleteObject on each key"));
        Boolean versioned = null;
        if (c.arguments().get("Delete") instanceof SymbolicValue.MapValue d
                && d.entries().get("Objects") instanceof SymbolicValue.ListValue objects) {
            versioned = false;
            for (SymbolicValue o : objects.items()) {
                if (!(o instanceof SymbolicValue.MapValue mv)) {
                    versioned = null;
                    break;
                }
                if (mv.entries().containsKey("VersionId")) {
                    versioned = true;
                    break;
                }
            }
        }
        if (versioned == null) {
            out.add(m.need("s3:DeleteObjectVersion", keys, "delete_objects deletes a specific version when an entry "
                    + "names a VersionId").onlyIf("an entry of Delete.Objects names a VersionId"));
        } else if (versioned) {
            out.add(m.need("s3:DeleteObjectVersion", keys, "Delete.Objects names a VersionId"));
        }
        return out;
    }

    /**
     * Geography prefixes of the system-defined cross-Region inference profiles ({@code us.anthropic.claude-...},
     * {@code jp.}, {@code global.}; Bedrock user guide, "Supported Regions and models for inference profiles").
     */
    private static final Pattern CROSS_REGION_PROFILE = Pattern.compile(
            "(us|us-gov|eu|apac|jp|au|ca|global)\\.([a-z0-9-]+\\..+)");

    /**
     * The model a Bedrock runtime call names in {@code modelId}, as the resource of {@code action}:
     * <ul>
     * <li>an ARN (an application inference profile, a provisioned or imported model): that ARN;</li>
     * <li>a system-defined cross-Region inference profile id ({@code jp.anthropic.claude-sonnet-4-6}): the profile,
     * {@code arn:PARTITION:bedrock:REGION:ACCOUNT:inference-profile/ID}, and the foundation model in the Region the
     * request is routed to, which is not known offline ({@code {?}}): "you need permissions to invoke the inference
     * profile and the model in each Region" (Bedrock user guide, "Prerequisites for inference profiles",
     * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html);</li>
     * <li>any other literal id: the foundation model, whose ARN has an empty account field,
     * {@code arn:PARTITION:bedrock:REGION::foundation-model/ID} (Service Authorization Reference, Amazon Bedrock,
     * resource type foundation-model);</li>
     * <li>an id not known statically: the foundation model of that id, needed only if the id names one (it may name a
     * profile or a provisioned model, whose ARNs differ), so never a certain denial.</li>
     * </ul>
     */
    private static List<Need> bedrockModel(SdkCall c, RequirementMapper m, String action) {
        SymbolicValue model = c.arguments().get("modelId");
        String id = model == null ? SymbolicValue.UNKNOWN : model.render();
        String why = c.operation() + " calls " + action.substring(action.indexOf(':') + 1) + " on the model modelId "
                + "names";
        if (id.startsWith("arn:") && !id.contains(SymbolicValue.UNKNOWN)) {
            return List.of(m.need(action, Map.of("Arn", SymbolicValue.literal(id)), why));
        }
        Matcher profile = CROSS_REGION_PROFILE.matcher(id);
        if (!id.contains(SymbolicValue.UNKNOWN) && profile.matches()) {
            Map<String, SymbolicValue> destination = new LinkedHashMap<>();
            destination.put("ResourceId", SymbolicValue.literal(profile.group(2)));
            // The destination Region, not the caller's: unknown offline.
            destination.put("Region", SymbolicValue.literal(SymbolicValue.UNKNOWN));
            return List.of(m.need(action, Map.of("ResourceId", SymbolicValue.literal(id)), why
                            + " (a cross-Region inference profile)").on("inference-profile"),
                    m.need(action, destination, "the inference profile " + id + " routes the request to "
                            + profile.group(2) + " in one of its destination Regions").on("foundation-model"));
        }
        Need n = m.need(action, Map.of("ResourceId", model == null ? SymbolicValue.unknown("model") : model), why)
                .on("foundation-model");
        return List.of(id.contains(SymbolicValue.UNKNOWN) ? n.onlyIf("modelId (" + (model == null ? "not given"
                : model.describe()) + ") names a foundation model, not an inference profile or a provisioned model") : n);
    }

    /** GetDistribution and UpdateDistribution on both distributions, and the action of the operation's name. */
    private static List<Need> promoteStaging(SdkCall c, RequirementMapper m) {
        List<Need> out = new ArrayList<>();
        for (String param : List.of("Id", "StagingDistributionId")) {
            Map<String, SymbolicValue> d = Map.of("DistributionId",
                    c.arguments().getOrDefault(param, SymbolicValue.unknown("distribution")));
            String which = param.equals("Id") ? "the primary distribution" : "the staging distribution";
            out.add(m.need("cloudfront:GetDistribution", d, c.operation() + " reads " + which));
            out.add(m.need("cloudfront:UpdateDistribution", d, c.operation() + " updates " + which));
        }
        out.add(m.need("cloudfront:UpdateDistributionWithStagingConfig", Map.of("DistributionId",
                        c.arguments().getOrDefault("Id", SymbolicValue.unknown("distribution"))),
                "the Service Authorization Reference lists this action for the operation")
                .onlyIf("CloudFront checks the action of the operation's name, which its API reference does not list"));
        return out;
    }

    /** copy_object/copy: GetObject on the source, PutObject on the target. */
    private static List<Need> copy(SdkCall c, RequirementMapper m) {
        List<Need> out = new ArrayList<>();
        Map<String, SymbolicValue> source = new LinkedHashMap<>();
        SymbolicValue cs = c.arguments().get("CopySource");
        if (cs instanceof SymbolicValue.MapValue mv) {
            source.put("Bucket", mv.entries().getOrDefault("Bucket", SymbolicValue.unknown("bucket")));
            source.put("Key", mv.entries().getOrDefault("Key", SymbolicValue.unknown("key")));
        } else if (cs != null && cs.render().contains("/")) {
            // "bucket/key" (optionally ?versionId=...).
            String s = cs.render();
            String path = s.startsWith("/") ? s.substring(1) : s;
            int q = path.indexOf('?');
            path = q >= 0 ? path.substring(0, q) : path;
            int slash = path.indexOf('/');
            source.put("Bucket", SymbolicValue.literal(path.substring(0, slash)));
            source.put("Key", SymbolicValue.literal(path.substring(slash + 1)));
        } else {
            source.put("Bucket", SymbolicValue.unknown("bucket"));
            source.put("Key", SymbolicValue.unknown("key"));
        }
        out.add(m.need("s3:GetObject", source, c.operation() + " reads the source object"));
        out.add(m.need("s3:PutObject", without(c.arguments(), "CopySource"), c.operation() + " writes the target object"));
        if (c.operation().equals("copy")) {
            out.add(m.need("s3:AbortMultipartUpload", without(c.arguments(), "CopySource"),
                    "copy aborts its multipart copy when a part fails").optionalWhen("a multipart copy fails"));
        }
        return out;
    }

    /** sts:AssumeRole on the role the RoleArn names, and the session features the call uses. */
    private static List<Need> assumeRole(SdkCall c, RequirementMapper m) {
        Map<String, SymbolicValue> role = new LinkedHashMap<>();
        role.put("RoleArn", c.arguments().getOrDefault("RoleArn", SymbolicValue.unknown("role")));
        List<Need> out = new ArrayList<>();
        out.add(m.need("sts:AssumeRole", role, "assume_role assumes the role RoleArn names"));
        if (c.arguments().containsKey("Tags") || c.arguments().containsKey("TransitiveTagKeys")) {
            out.add(m.need("sts:TagSession", role, "Tags= passes session tags"));
        }
        if (c.arguments().containsKey("SourceIdentity")) {
            out.add(m.need("sts:SetSourceIdentity", role, "SourceIdentity= sets the session's source identity"));
        }
        return out;
    }

    /**
     * execute-api:ManageConnections on arn:...:API_ID/STAGE/METHOD/@connections/CONNECTION_ID, the API and stage
     * read from the client's endpoint_url https://API_ID.execute-api.REGION.amazonaws.com/STAGE
     * (API Gateway developer guide, "Use @connections commands in your backend service").
     */
    private static List<Need> manageConnections(SdkCall c, RequirementMapper m) {
        Map<String, SymbolicValue> args = new LinkedHashMap<>(c.arguments());
        args.put("Method", SymbolicValue.literal(c.operation().equals("post_to_connection") ? "POST"
                : c.operation().equals("get_connection") ? "GET" : "DELETE"));
        SymbolicValue connection = c.arguments().getOrDefault("ConnectionId", SymbolicValue.unknown("connection"));
        args.put("ApiSpecificResourcePath", SymbolicValue.concat(List.of(SymbolicValue.literal("@connections/"),
                connection)));
        SymbolicValue endpoint = c.arguments().get("endpoint_url");
        if (endpoint != null) {
            Matcher e = ENDPOINT.matcher(endpoint.render());
            if (e.matches()) {
                if (!e.group(1).equals(SymbolicValue.UNKNOWN)) {
                    args.put("ApiId", SymbolicValue.literal(e.group(1)));
                }
                if (!e.group(2).equals(SymbolicValue.UNKNOWN)) {
                    args.put("Region", SymbolicValue.literal(e.group(2)));
                }
                if (!e.group(3).equals(SymbolicValue.UNKNOWN)) {
                    args.put("Stage", SymbolicValue.literal(e.group(3)));
                }
            }
        }
        return List.of(m.need("execute-api:ManageConnections", args,
                c.operation() + " is authorized as execute-api:ManageConnections"));
    }

    /** An API's default endpoint and its stage (group 3), as the Management API client is given it. */
    private static final Pattern ENDPOINT = Pattern.compile(
            "https://" + dev.iampreflight.code.SignedRequest.API_GATEWAY_HOST.pattern() + "/([^/]+)/?");

    private static final Map<String, String> TRANSACT_WRITE = Map.of("Put", "dynamodb:PutItem", "Update",
            "dynamodb:UpdateItem", "Delete", "dynamodb:DeleteItem", "ConditionCheck", "dynamodb:ConditionCheckItem");

    private static List<Need> transactWrite(SdkCall c, RequirementMapper m) {
        List<Need> out = new ArrayList<>();
        if (c.arguments().get("TransactItems") instanceof SymbolicValue.ListValue items) {
            for (SymbolicValue item : items.items()) {
                if (item instanceof SymbolicValue.MapValue mv) {
                    mv.entries().forEach((kind, body) -> {
                        String action = TRANSACT_WRITE.get(kind);
                        if (action != null) {
                            out.add(m.need(action, tableOf(body), "transact_write_items " + kind + " item"));
                        }
                    });
                }
            }
        }
        if (out.isEmpty()) {
            // Items not known statically: any of the item actions, on an unknown table.
            for (String action : List.of("dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem",
                    "dynamodb:UpdateItem")) {
                out.add(m.need(action, Map.of(), "transact_write_items with items not known statically"));
            }
        }
        return out;
    }

    private static List<Need> transactGet(SdkCall c, RequirementMapper m) {
        List<Need> out = new ArrayList<>();
        if (c.arguments().get("TransactItems") instanceof SymbolicValue.ListValue items) {
            for (SymbolicValue item : items.items()) {
                if (item instanceof SymbolicValue.MapValue mv && mv.entries().containsKey("Get")) {
                    out.add(m.need("dynamodb:GetItem", tableOf(mv.entries().get("Get")), "transact_get_items Get item"));
                }
            }
        }
        if (out.isEmpty()) {
            out.add(m.need("dynamodb:GetItem", Map.of(), "transact_get_items with items not known statically"));
        }
        return out;
    }

    private static Map<String, SymbolicValue> tableOf(SymbolicValue body) {
        Map<String, SymbolicValue> m = new LinkedHashMap<>();
        if (body instanceof SymbolicValue.MapValue mv && mv.entries().containsKey("TableName")) {
            m.put("TableName", mv.entries().get("TableName"));
        }
        return m;
    }

    /** batch_write_item/batch_get_item: RequestItems keys are table names; batch_writer passes TableName. */
    private static List<Need> perTable(SdkCall c, RequirementMapper m, String action) {
        List<Need> out = new ArrayList<>();
        if (c.arguments().get("RequestItems") instanceof SymbolicValue.MapValue mv && !mv.entries().isEmpty()) {
            for (String table : mv.entries().keySet()) {
                out.add(m.need(action, Map.of("TableName", SymbolicValue.literal(table)), c.operation()
                        + " on table " + table));
            }
        } else {
            out.add(m.need(action, c.arguments(), c.operation() + " calls " + action.substring(action.indexOf(':') + 1)));
        }
        return out;
    }

    private static final Pattern VERB = Pattern.compile("^\\s*(SELECT|INSERT|UPDATE|DELETE|EXISTS)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE = Pattern.compile(
            "\\b(?:FROM|INTO|UPDATE)\\s+\"?([A-Za-z0-9_.-]+)\"?", Pattern.CASE_INSENSITIVE);

    private static List<Need> partiql(SdkCall c, RequirementMapper m) {
        List<SymbolicValue> statements = new ArrayList<>();
        if (c.arguments().containsKey("Statement")) {
            statements.add(c.arguments().get("Statement"));
        }
        for (String list : List.of("Statements", "TransactStatements")) {
            if (c.arguments().get(list) instanceof SymbolicValue.ListValue lv) {
                for (SymbolicValue s : lv.items()) {
                    if (s instanceof SymbolicValue.MapValue mv && mv.entries().containsKey("Statement")) {
                        statements.add(mv.entries().get("Statement"));
                    }
                }
            }
        }
        List<Need> out = new ArrayList<>();
        for (SymbolicValue st : statements) {
            String text = st.render();
            Matcher verb = VERB.matcher(text);
            Matcher table = TABLE.matcher(text);
            Map<String, SymbolicValue> args = new LinkedHashMap<>();
            if (table.find() && !table.group(1).contains("{")) {
                args.put("TableName", SymbolicValue.literal(table.group(1)));
            }
            if (verb.find()) {
                String v = verb.group(1).toUpperCase(Locale.ROOT);
                String action = "dynamodb:PartiQL" + (v.equals("EXISTS") ? "Select" : v.charAt(0)
                        + v.substring(1).toLowerCase(Locale.ROOT));
                out.add(m.need(action, args, "PartiQL " + v + " statement"));
            } else {
                partiqlAll(m, args, out);
            }
        }
        if (out.isEmpty()) {
            partiqlAll(m, Map.of(), out);
        }
        return out;
    }

    private static void partiqlAll(RequirementMapper m, Map<String, SymbolicValue> args, List<Need> out) {
        for (String a : List.of("dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLSelect",
                "dynamodb:PartiQLUpdate")) {
            out.add(m.need(a, args, "PartiQL statement not known statically"));
        }
    }
}
