package dev.iampreflight.project;

/**
 * Rule ids of the infrastructure readers, reserved range {@code IAM0100}..{@code IAM0159}: {@code IAM010x} Chalice,
 * {@code IAM011x} CloudFormation/SAM, {@code IAM012x} Terraform, {@code IAM013x} discovery and plan files,
 * {@code IAM0141}..{@code IAM0144} Serverless Framework, {@code IAM0145} partition from a template's ARNs,
 * {@code IAM0151} container images built from a Dockerfile, {@code IAM0155}..{@code IAM0159} templated files (Jinja,
 * envsubst).
 * Unparsable or unreadable files use the shared {@code IAM0001}..{@code IAM0004}. Documented in
 * {@code docs/infrastructure.md}.
 */
public final class InfraRules {
    /** A Chalice policy file ({@code iam_policy_file} or {@code policy-<stage>.json}) does not exist. ERROR. */
    public static final String CHALICE_POLICY_FILE_MISSING = "IAM0101";
    /** A Chalice boolean setting written as a string ({@code "false"} is truthy in Python, so chalice reads true). */
    public static final String CHALICE_STRING_BOOLEAN = "IAM0102";
    /** {@code lambda_functions} names a function the app does not define. WARNING. */
    public static final String CHALICE_UNKNOWN_FUNCTION = "IAM0103";
    /** A level sets both {@code iam_role_arn} and {@code iam_policy_file}; one of them is ignored. WARNING. */
    public static final String CHALICE_ROLE_AND_POLICY_FILE = "IAM0104";
    /** {@code manage_iam_role} is false but no {@code iam_role_arn} is set (chalice refuses to deploy). ERROR. */
    public static final String CHALICE_MISSING_ROLE_ARN = "IAM0105";
    /** A setting chalice ignores at this level (e.g. {@code environment_variables} under top-level lambda_functions). */
    public static final String CHALICE_IGNORED_SETTING = "IAM0106";
    /** {@code --stage} names a stage the config does not have, or a setting has the wrong type. WARNING. */
    public static final String CHALICE_BAD_SETTING = "IAM0107";
    /** app.py is missing or no handler was found in it. WARNING. */
    public static final String CHALICE_NO_APP = "IAM0108";
    /**
     * How a Chalice app is deployed or registered comes from outside config.json and its decorators (deploy flags in a
     * script, a CDK construct, modules loaded by a computed name). NOTE.
     */
    public static final String CHALICE_DEPLOY_CONTEXT = "IAM0109";

    /** No --partition was given and every ARN a template writes names one partition other than aws. NOTE. */
    public static final String CFN_PARTITION_FROM_ARNS = "IAM0145";
    /**
     * A Ref/GetAtt Id of a resource policy (AWS::SQS::QueuePolicy, AWS::SNS::TopicPolicy), whose value is the policy's
     * own id, not the queue or topic it applies to. WARNING.
     */
    public static final String CFN_POLICY_RESOURCE_ID = "IAM0146";
    /** A function's code in S3 is read from the folder a script of the project zips and uploads there. NOTE. */
    public static final String CFN_CODE_FROM_SCRIPT = "IAM0147";
    /** An intrinsic function or construct the reader does not support; the value is treated as unknown. WARNING. */
    public static final String CFN_UNSUPPORTED = "IAM0111";
    /** A Ref/GetAtt/Sub names a parameter or resource the template does not declare. ERROR. */
    public static final String CFN_UNKNOWN_REFERENCE = "IAM0112";
    /** A SAM policy template name that AWS SAM does not define, or its parameters are wrong. ERROR. */
    public static final String CFN_BAD_SAM_TEMPLATE = "IAM0113";
    /** A managed policy that is neither declared here nor bundled: its document lives in AWS. NOTE. */
    public static final String MANAGED_POLICY_IN_AWS = "IAM0114";
    /** A --parameter / parameters file entry is malformed or names no parameter. WARNING. */
    public static final String CFN_BAD_PARAMETER = "IAM0115";
    /** A Fn::If condition could not be decided; the first branch was used. NOTE. */
    public static final String CFN_UNDECIDED_CONDITION = "IAM0116";
    /** The bundled knowledge base could not expand a SAM template or managed policy. WARNING. */
    public static final String KNOWLEDGE_BASE_UNAVAILABLE = "IAM0117";

    /** A Terraform construct the reader does not support (a function, an expression); treated as unknown. WARNING. */
    public static final String TF_UNSUPPORTED = "IAM0121";
    /** A reference to a variable, local, resource or module output that is not declared. WARNING. */
    public static final String TF_UNKNOWN_REFERENCE = "IAM0122";
    /** A module whose source is not a local directory is not read. NOTE. */
    public static final String TF_REMOTE_MODULE = "IAM0123";
    /** A -var / var file entry is malformed or names no variable. WARNING. */
    public static final String TF_BAD_VARIABLE = "IAM0124";
    /** A resource uses count/for_each; it is read as "one of these". NOTE. */
    public static final String TF_REPEATED_RESOURCE = "IAM0125";
    /** A registry module call read from iam-preflight's model of the module's documented inputs. NOTE. */
    public static final String TF_MODELLED_MODULE = "IAM0126";
    /** A policy, attachment or boundary exists only for some values of an input variable. WARNING. */
    public static final String TF_CONDITIONAL_POLICY = "IAM0127";

    /** A plan JSON file has an unexpected shape. WARNING. */
    public static final String PLAN_BAD_SHAPE = "IAM0131";
    /** A file was skipped (too large, a symbolic link loop). NOTE. */
    public static final String DISCOVERY_SKIPPED = "IAM0132";
    /** A CDK app ({@code cdk.json}) has no synthesized template in {@code cdk.out}, so it is not read. NOTE. */
    public static final String CDK_NOT_SYNTHESIZED = "IAM0133";
    /** A {@code targets} entry of {@code .iam-preflight.yml} names no deploy target. WARNING. */
    public static final String CONFIG_TARGET_UNMATCHED = "IAM0134";
    /** A sub-project's {@code .iam-preflight.yml} has settings that apply only to a run in its folder. NOTE. */
    public static final String CONFIG_SUB_PROJECT = "IAM0135";

    /** A Serverless Framework variable that cannot be resolved offline or is malformed; the value is unknown. */
    public static final String SLS_UNRESOLVED_VARIABLE = "IAM0141";
    /** A Serverless function that is not a deploy target (not Python, an image, no functions at all). NOTE. */
    public static final String SLS_NOT_A_TARGET = "IAM0142";

    /**
     * A container image built from a Dockerfile of the project runs an entry point that cannot be read (a shell form
     * with variables, a script that is not Python): all the code it copies in is charged. NOTE.
     */
    public static final String IMAGE_ENTRY_UNKNOWN = "IAM0151";
    /** A Serverless setting the framework reads differently than it looks (a role name read as a logical id). */
    public static final String SLS_SUSPICIOUS_SETTING = "IAM0143";
    /** A Serverless function's handler names a module that does not exist in the package. WARNING. */
    public static final String SLS_HANDLER_NOT_FOUND = "IAM0144";

    /** A Jinja template or an {@code ${VAR}} policy file is read with variables whose values are unknown. NOTE. */
    public static final String JINJA_UNKNOWN_VARIABLES = "IAM0155";
    /** A Jinja template could not be rendered (syntax, a refused include, a size or time bound). WARNING. */
    public static final String JINJA_NOT_RENDERED = "IAM0156";

    private InfraRules() {
    }
}
