package dev.iampreflight.report;

import dev.iampreflight.core.ProjectHome;

import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.project.InfraRules;

import java.util.Locale;
import java.util.Optional;

/**
 * The rules of {@code check} and the reserved unusable-input ids, with their metadata in one place (as error-prone
 * keeps a check's metadata on the check): id, short name, default severity, one-line summary (no trailing period) and
 * a longer description. {@code docs/rules.md} documents each under a {@code ## <ID>} heading; a test keeps the two in
 * step. Id ranges: {@code IAM00xx} unusable input, {@code IAM01xx} the infrastructure readers' findings (ids declared
 * in {@link InfraRules}, documented in docs/infrastructure.md too), {@code IAM10xx} check results, {@code IAM11xx} the AWS IAM policy simulator.
 */
public enum Rule {
    UNPARSABLE(ReservedRules.UNPARSABLE, "unparsable-input", Severity.ERROR,
            "A file is not well-formed JSON or YAML",
            "The file could not be parsed (a bad token, a truncated document, an empty file). Nothing in it was "
                    + "checked; the other inputs were. Fix the syntax at the reported line and column."),
    BAD_SHAPE(ReservedRules.BAD_SHAPE, "bad-shape", Severity.ERROR,
            "A document parsed but an element has the wrong shape",
            "The file is valid JSON or YAML but an element is not what its reader expects: a policy Statement that "
                    + "is a number, an Effect that is a list, an unknown key or a wrong type in .iam-preflight.yml. "
                    + "The message names the element and says what would be valid."),
    DUPLICATE_KEY(ReservedRules.DUPLICATE_KEY, "duplicate-key", Severity.ERROR,
            "The same key appears twice in one object",
            "AWS, like most JSON readers, keeps only the last value of a repeated key, so the first one is silently "
                    + "ignored. This is rarely what the author meant; merge the two values or delete one."),
    UNREADABLE(ReservedRules.UNREADABLE, "unreadable-file", Severity.ERROR,
            "A file could not be read",
            "The file named by the project or the command line is missing, is a directory, cannot be read with the "
                    + "current permissions, or is too large to be a policy or template."),
    CHALICE_POLICY_FILE_MISSING(InfraRules.CHALICE_POLICY_FILE_MISSING, "chalice-policy-file-missing", Severity.ERROR,
            "A Chalice policy file does not exist",
            "The stage has `autogen_policy: false`, so Chalice deploys the policy in "
                    + "`.chalice/<iam_policy_file>` (default `policy-<stage>.json`), but that file does not exist and "
                    + "`chalice deploy` would fail. Create the file or fix its name."),
    CHALICE_STRING_BOOLEAN(InfraRules.CHALICE_STRING_BOOLEAN, "chalice-string-boolean", Severity.ERROR,
            "A Chalice boolean setting is written as a string",
            "Chalice reads settings such as `autogen_policy` and `manage_iam_role` with Python truthiness, "
                    + "so the string \"false\" means true. Write the JSON boolean `false`, without quotes."),
    CHALICE_UNKNOWN_FUNCTION(InfraRules.CHALICE_UNKNOWN_FUNCTION, "chalice-unknown-function", Severity.WARNING,
            "A lambda_functions entry names a function the app does not define",
            "An entry of `lambda_functions` in `.chalice/config.json` names no function of the app, so its "
                    + "settings apply to nothing. The message suggests the closest name; fix the name or remove the "
                    + "entry."),
    CHALICE_ROLE_AND_POLICY_FILE(InfraRules.CHALICE_ROLE_AND_POLICY_FILE, "chalice-role-and-policy-file", Severity.WARNING,
            "A Chalice level sets both iam_role_arn and iam_policy_file",
            "With an existing role (`iam_role_arn`) Chalice deploys no policy file, so one of the two "
                    + "settings is ignored. Keep the one you mean."),
    CHALICE_MISSING_ROLE_ARN(InfraRules.CHALICE_MISSING_ROLE_ARN, "chalice-missing-role-arn", Severity.ERROR,
            "A Chalice app does not manage its role but names none",
            "`manage_iam_role` is false, so Chalice needs the ARN of an existing role, but no `iam_role_arn` "
                    + "is set and `chalice deploy` refuses to deploy. Set it, or remove `manage_iam_role: false`."),
    CHALICE_IGNORED_SETTING(InfraRules.CHALICE_IGNORED_SETTING, "chalice-ignored-setting", Severity.WARNING,
            "A Chalice setting is ignored at the level it is written",
            "Chalice reads some settings only at certain levels of `.chalice/config.json` (for example "
                    + "`environment_variables` under the top-level `lambda_functions`), so this value has no effect. "
                    + "Move it to a level where Chalice reads it."),
    CHALICE_BAD_SETTING(InfraRules.CHALICE_BAD_SETTING, "chalice-bad-setting", Severity.WARNING,
            "A Chalice stage or setting is not what Chalice expects",
            "The `--stage` given is not a stage of `.chalice/config.json`, or a setting has the wrong type "
                    + "(such as an environment value that is not a string). The message names the value and what would "
                    + "be valid."),
    CHALICE_NO_APP(InfraRules.CHALICE_NO_APP, "chalice-no-app", Severity.WARNING,
            "The Chalice app or its handlers could not be found",
            "`app.py` is missing from the Chalice project, or no Chalice handler (route, event source, "
                    + "Lambda function) was found in it, so the project has no code to check."),
    CHALICE_DEPLOY_CONTEXT(InfraRules.CHALICE_DEPLOY_CONTEXT, "chalice-deploy-context", Severity.NOTE,
            "A Chalice deploy setting or handler comes from outside config.json",
            "How the app is deployed was read from somewhere other than `.chalice/config.json`: `chalice deploy` "
                    + "flags written in a Makefile, script, Dockerfile or CI workflow (`--stage`, "
                    + "`--no-autogen-policy`, `--merge-template`), a policy file rendered from a template at deploy "
                    + "time, or a `chalice.cdk.Chalice` construct whose `stage_config` overrides the config. The note "
                    + "says which file and line set it. Also given when the app loads modules by a computed name "
                    + "(`import_module`), whose handlers cannot be followed."),
    CFN_UNSUPPORTED(InfraRules.CFN_UNSUPPORTED, "cfn-unsupported", Severity.WARNING,
            "A CloudFormation intrinsic function is unsupported or malformed",
            "The template uses an intrinsic function or construct the reader does not evaluate, or writes "
                    + "one in a shape CloudFormation rejects. The value is treated as unknown, so checks that depend "
                    + "on it may report a permission as allowed for only some resources."),
    CFN_UNKNOWN_REFERENCE(InfraRules.CFN_UNKNOWN_REFERENCE, "cfn-unknown-reference", Severity.ERROR,
            "A CloudFormation reference names something the template does not declare",
            "A `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::FindInMap` or `Condition` names a parameter, resource, "
                    + "mapping or condition the template does not declare, and CloudFormation would reject the "
                    + "template. The message suggests the closest name."),
    CFN_POLICY_RESOURCE_ID(InfraRules.CFN_POLICY_RESOURCE_ID, "cfn-policy-resource-id", Severity.WARNING,
            "A reference to a queue or topic policy is used as the queue or topic",
            "`Ref` (or `Fn::GetAtt ... Id`) of an `AWS::SQS::QueuePolicy` or `AWS::SNS::TopicPolicy` returns the id "
                    + "CloudFormation gives the policy resource, not the queue or topic the policy applies to. A SAM "
                    + "policy template `QueueName: !Ref MyQueuePolicy` therefore grants a queue that does not exist, "
                    + "and the calls on the real queue are checked (and denied) without it. Refer to the queue or "
                    + "topic itself."),
    CFN_CODE_FROM_SCRIPT(InfraRules.CFN_CODE_FROM_SCRIPT, "cfn-code-from-script", Severity.NOTE,
            "A function's code in S3 is read from the folder a script uploads",
            "The function's `Code` (`S3Bucket`/`S3Key`) or `CodeUri` (`s3://...`, `Bucket`/`Key`) is an object in S3, "
                    + "and a shell script or Makefile of the project zips its own folder and uploads the archive to "
                    + "exactly that object (`aws s3 cp ARCHIVE s3://BUCKET/KEY`), so that folder is read as the "
                    + "function's code. The note names the script and line."),
    CFN_BAD_SAM_TEMPLATE(InfraRules.CFN_BAD_SAM_TEMPLATE, "sam-bad-policy-template", Severity.ERROR,
            "A SAM policy template name or its parameters are wrong",
            "A function's `Policies` uses a name that is not an AWS SAM policy template, or gives a template "
                    + "the wrong parameters, and `sam deploy` would fail. The message suggests the closest template "
                    + "name."),
    MANAGED_POLICY_IN_AWS(InfraRules.MANAGED_POLICY_IN_AWS, "managed-policy-in-aws", Severity.NOTE,
            "A managed policy's document lives in AWS",
            "The target attaches a managed policy that is neither declared in the project nor an AWS managed "
                    + "policy in the bundled data, so its statements are unknown offline and what it grants is not "
                    + "counted; the target is reported as IAM1003 (cannot check)."),
    CFN_BAD_PARAMETER(InfraRules.CFN_BAD_PARAMETER, "cfn-bad-parameter", Severity.WARNING,
            "A CloudFormation parameter value is malformed or names no parameter",
            "An entry given with `--parameter` or in a parameters file is malformed or names a parameter the "
                    + "template does not declare, so it is not used."),
    CFN_UNDECIDED_CONDITION(InfraRules.CFN_UNDECIDED_CONDITION, "cfn-undecided-condition", Severity.NOTE,
            "A CloudFormation condition cannot be decided before deploy",
            "An `Fn::If` depends on a condition whose value is only known at deploy time, and its first "
                    + "branch was used. Give the parameters the condition depends on to decide it."),
    KNOWLEDGE_BASE_UNAVAILABLE(InfraRules.KNOWLEDGE_BASE_UNAVAILABLE, "knowledge-base-unavailable", Severity.WARNING,
            "The bundled data could not expand a SAM policy template or managed policy",
            "A SAM policy template or AWS managed policy could not be expanded from the bundled knowledge "
                    + "base (an unknown name, or a template newer than the data), so the permissions it grants are not "
                    + "counted."),
    TF_UNSUPPORTED(InfraRules.TF_UNSUPPORTED, "tf-unsupported", Severity.WARNING,
            "A Terraform function or construct was not evaluated",
            "The reader does not evaluate this Terraform function or expression, or the policy is only known "
                    + "after apply. The value is treated as unknown, so checks that depend on it may report a "
                    + "permission as allowed for only some resources."),
    TF_UNKNOWN_REFERENCE(InfraRules.TF_UNKNOWN_REFERENCE, "tf-unknown-reference", Severity.WARNING,
            "A Terraform reference names something that is not declared",
            "A reference to a variable, local, resource, data source or module output that the configuration "
                    + "does not declare, which Terraform would reject. The message suggests the closest name."),
    TF_REMOTE_MODULE(InfraRules.TF_REMOTE_MODULE, "tf-remote-module", Severity.NOTE,
            "A Terraform module from a registry or remote source is not read",
            "Local modules (`source = \"./...\"`) are read, and registry or git modules that `terraform init` "
                    + "downloaded (`.terraform/modules/modules.json`). A remote module that is not downloaded is "
                    + "not seen, so what it grants is not counted: run `terraform init` and check again."),
    TF_BAD_VARIABLE(InfraRules.TF_BAD_VARIABLE, "tf-bad-variable", Severity.WARNING,
            "A Terraform variable value is malformed or names no variable",
            "An entry given with `--var` or in a variable file is malformed or names a variable the "
                    + "configuration does not declare, so it is not used."),
    TF_REPEATED_RESOURCE(InfraRules.TF_REPEATED_RESOURCE, "tf-repeated-resource", Severity.NOTE,
            "A Terraform resource with count or for_each is read as one target",
            "A resource created with `count` or `for_each` is read as one deploy target standing for each of "
                    + "its instances, so differences between instances are not checked separately."),
    TF_MODELLED_MODULE(InfraRules.TF_MODELLED_MODULE, "tf-modelled-module", Severity.NOTE,
            "A Terraform registry module was read from its documented inputs",
            "A call of a registry module that iam-preflight models (the community Lambda module "
                    + "terraform-aws-modules/lambda/aws) is read from a model of the module's documented inputs: the "
                    + "function, its role and the policies each `attach_*` input adds. The note names the module "
                    + "version the call asks for and the version the model was checked against."),
    TF_CONDITIONAL_POLICY(InfraRules.TF_CONDITIONAL_POLICY, "tf-conditional-policy", Severity.WARNING,
            "A Terraform policy is attached only for some values of an input",
            "A policy, attachment or permissions boundary has `count` or `for_each` that depends on an input "
                    + "variable. The check uses the variable's value (its default, or the project's tfvars); this "
                    + "warning names the input whose other value would attach or drop the policy, so the result may "
                    + "differ in a deployment that sets it."),
    PLAN_BAD_SHAPE(InfraRules.PLAN_BAD_SHAPE, "plan-bad-shape", Severity.WARNING,
            "A Terraform plan JSON file has an unexpected shape",
            "A file read as `terraform show -json` output does not have the shape Terraform writes (for "
                    + "example no `planned_values`, or a resource that is not an object). The parts that could be read "
                    + "are used."),
    DISCOVERY_SKIPPED(InfraRules.DISCOVERY_SKIPPED, "file-skipped", Severity.NOTE,
            "A file was skipped during discovery",
            "A file was not read while looking for deploy targets, for example because it is too large or "
                    + "part of a symbolic link loop, so findings that depend on it may be missing."),
    CDK_NOT_SYNTHESIZED(InfraRules.CDK_NOT_SYNTHESIZED, "cdk-not-synthesized", Severity.NOTE,
            "A CDK app has no synthesized template to read",
            "The folder has a `cdk.json` but no `cdk.out/*.template.json`. The tool reads what CDK synthesizes, "
                    + "not the CDK program, so the stacks' functions and roles are not checked. Run `cdk synth` "
                    + "first (it writes `cdk.out/`), then check again."),
    CONFIG_TARGET_UNMATCHED(InfraRules.CONFIG_TARGET_UNMATCHED, "config-target-unmatched", Severity.WARNING,
            "A targets entry of the config file names no deploy target",
            "`targets:` in `.iam-preflight.yml` gives the code of a deploy target by its name (as `iam-preflight "
                    + "targets` lists it, or a glob), but no target found in this run has that name, so the code "
                    + "is given to nothing. Fix the name; the message lists the targets that were found."),
    CONFIG_SUB_PROJECT(InfraRules.CONFIG_SUB_PROJECT, "config-sub-project", Severity.NOTE,
            "A sub-project's own config file applies to the deploy files under its folder",
            "In a repository with several apps, each app's own `.iam-preflight.yml` applies to the deploy files and "
                    + "findings under the app's folder, also in a run from a folder above it (what the pre-commit "
                    + "hook does): the command line wins, then the app's file, then the run's file for what the "
                    + "app's leaves open. Its variables, parameters, account, region and template variables read "
                    + "the app's deploy files, its `targets`, `resource-policies` and `sdk-wrappers` add to the "
                    + "run's, and its `ignore` entries (paths relative to its folder) and `rules` apply to the "
                    + "findings in files under it. The note names each app's file that applied."),
    CFN_PARTITION_FROM_ARNS(InfraRules.CFN_PARTITION_FROM_ARNS, "cfn-partition-from-arns", Severity.NOTE,
            "A template's functions are checked in the partition its ARNs are written in",
            "No `--partition` was given, and every ARN the template writes literally names one partition other "
                    + "than `aws` (`arn:aws-cn:...` for China, `arn:aws-us-gov:...` for GovCloud), so the template "
                    + "is meant for that partition and its functions are checked there; with the default `aws` "
                    + "every statement would miss for the partition alone. Give `--partition` to check another "
                    + "one."),
    SLS_UNRESOLVED_VARIABLE(InfraRules.SLS_UNRESOLVED_VARIABLE, "sls-unresolved-variable", Severity.WARNING,
            "A Serverless Framework variable cannot be resolved offline",
            "A `${...}` variable in serverless.yml (or a file it includes) is malformed, refers to a path that does "
                    + "not exist without a fallback, refers to itself, or uses a source iam-preflight does not read "
                    + "(a plugin's source, a JavaScript file). The value is treated as unknown (`{?}`); give a "
                    + "fallback, an option such as `--stage`, or a literal value."),
    SLS_NOT_A_TARGET(InfraRules.SLS_NOT_A_TARGET, "sls-not-a-target", Severity.NOTE,
            "A Serverless function is not a deploy target",
            "The function runs another language than Python, runs a container image, or has no runtime (the "
                    + "framework then deploys Node.js), or the service declares no functions or is not on AWS. Its "
                    + "code is not scanned; the note says which case applies."),
    IMAGE_ENTRY_UNKNOWN(InfraRules.IMAGE_ENTRY_UNKNOWN, "image-entry-unknown", Severity.NOTE,
            "The entry point of a container image built here cannot be read",
            "An ECS task, Batch job or container-image function runs an image built from a Dockerfile of the "
                    + "project, but what its CMD/ENTRYPOINT starts cannot be told: a shell command with variables or "
                    + "several steps, a program that is not a Python script, a script that is not copied in. Every "
                    + "Python file the Dockerfile copies in (what .dockerignore leaves in the build context) is then "
                    + "charged to it, instead of what its entry script reaches; the note says which case applies."),
    SLS_SUSPICIOUS_SETTING(InfraRules.SLS_SUSPICIOUS_SETTING, "sls-suspicious-setting", Severity.WARNING,
            "A Serverless setting does not do what it looks like",
            "The Serverless Framework reads the setting differently than it reads: a `role` that is neither an ARN "
                    + "nor a role of `resources.Resources` is taken as a logical id and the deploy fails; function "
                    + "`iamRoleStatements` without the serverless-iam-roles-per-function plugin are ignored; a "
                    + "function with both `role` and `iamRoleStatements` is refused by the plugin."),
    SLS_HANDLER_NOT_FOUND(InfraRules.SLS_HANDLER_NOT_FOUND, "sls-handler-not-found", Severity.WARNING,
            "A Serverless function's handler names a module that does not exist",
            "The handler is not written `path/to/module.function`, or the module file it names is not in the "
                    + "service (or its `module` folder), so Lambda fails with Runtime.ImportModuleError on every "
                    + "invocation. Fix the path or the file name."),
    JINJA_UNKNOWN_VARIABLES(InfraRules.JINJA_UNKNOWN_VARIABLES, "template-unknown-variables", Severity.NOTE,
            "A templated file is read with variables whose values are unknown",
            "A Jinja template (`template.yml.j2`) or a JSON policy with `$VAR`/`${VAR}` placeholders uses "
                    + "variables that `.iam-preflight.yml` does not give under `template-vars`, so their values "
                    + "are read as unknown (`{?}`): a policy resource built from one matches any resource, and a "
                    + "Jinja condition on one is decided as if its value were the text `{?}`. The message lists "
                    + "them; give their values (per stage under `template-vars.stages`) to check what is deployed."),
    JINJA_NOT_RENDERED(InfraRules.JINJA_NOT_RENDERED, "template-not-rendered", Severity.WARNING,
            "A Jinja template could not be rendered",
            "The template has a Jinja syntax error, includes or imports another file (templates are rendered "
                    + "without file system access), or went past a bound (2 MB of output, 10,000 items in a range, "
                    + "5 CPU-seconds of rendering). Its policies are not checked. Fix the template, or render it and "
                    + "check the output."),
    MISSING_PERMISSION("IAM1001", "missing-permission", Severity.ERROR,
            "The code makes an AWS call that its deploy target's policies deny",
            "An SDK call in the code needs an IAM action on a resource, and the policies of the deploy target that "
                    + "runs the code deny it for every resource the call can touch. The message names the action, "
                    + "the resource, the target and why: no statement allows it, a Deny statement at file:line "
                    + "matches it, or the resource's own policy (such as a KMS key policy) does not trust the "
                    + "principal. The call fails with AccessDenied at run time. The suggested fix is the "
                    + "least-privilege statement that allows exactly this request; `check --fix` writes it into a "
                    + "Chalice or JSON policy file."),
    PARTIAL_PERMISSION("IAM1002", "permission-for-some-resources", Severity.WARNING,
            "The code's AWS call is allowed for only some of the resources it can touch",
            "The resource of the call is not fully known statically (a table name from an environment variable, a "
                    + "key built at run time), and the policies allow the action for some of its possible values but "
                    + "not all. The message lists the resources that are allowed. The call works only if the value "
                    + "at run time is one of them."),
    CANNOT_CHECK("IAM1003", "cannot-check", Severity.NOTE,
            "A deploy target's policy cannot be known offline",
            "The target uses an existing role (for example Chalice `iam_role_arn` with `manage_iam_role: false`) or "
                    + "a managed policy that is not in the project or the bundled data, or its policy file could not "
                    + "be read (the file's own IAM0001/IAM0002 finding says why). Its calls were not checked: "
                    + "declare the policy in the project, fix the file, or check the deployed role with the IAM "
                    + "policy simulator (`aws iam simulate-principal-policy`). Reported once per target: a note when "
                    + "the target's code makes no SDK call, a warning when it makes calls that go unchecked."),
    CHALICE_AUTOGEN_MISS("IAM1004", "chalice-autogen-miss", Severity.ERROR,
            "Chalice's automatic policy generation would miss this call",
            "The app lets Chalice generate its policy (`autogen_policy` is true), but Chalice's generator only sees "
                    + "calls on clients created in a form it recognises, so this call's action will not be in the "
                    + "deployed policy. Write the policy yourself (`autogen_policy: false` and a policy file) or "
                    + "restructure the call so the generator sees it."),
    EXPIRED_IGNORE("IAM1005", "expired-ignore", Severity.WARNING,
            "An ignore entry in the config file has expired",
            "An `ignore` entry in .iam-preflight.yml has an `expires` date that has passed, so it no longer "
                    + "suppresses anything and the findings it covered are reported again. Fix them, or extend the "
                    + "date with a reason."),
    HANDLER_NOT_FOUND("IAM1006", "handler-not-found", Severity.NOTE,
            "A target's handler was not found in its code, so all of its code is charged to it",
            "The deploy target names a handler (`module.function`) but no such module was found under the "
                    + "target's code, so iam-preflight cannot tell which of the files there the function runs: every "
                    + "SDK call under its code folder is charged to it, which may report permissions the function "
                    + "never needs. Check the handler and code folder (`Handler`/`CodeUri`, `handler`/`source_dir`)."),
    CODE_NOT_FOUND("IAM1007", "code-not-found", Severity.NOTE,
            "The code a target runs was not found, so its calls are not checked",
            "The deploy target names neither a code folder nor a handler in the project (an ECS task or a "
                    + "container-image function whose image is built elsewhere), or its code is not Python (a "
                    + "Runtime such as nodejs20.x, an image on a non-Python base), so iam-preflight checks none of "
                    + "the calls made under its role, rather than charging it every file beside the template. The "
                    + "message says which. Its policies are still read and linted."),
    ANALYSIS_BUDGET("IAM1008", "analysis-budget", Severity.NOTE,
            "The analysis of a call stopped at its work budget",
            "Working out what a call's receiver and arguments are took more steps than one call may take (code "
                    + "whose values depend on each other in very many ways, typically vendored libraries), so the "
                    + "analysis stopped there rather than hang: the call is still matched by its method name, with "
                    + "unknown arguments. If the file is third-party code, keep it out of the function's code "
                    + "folder or install it as a dependency."),
    OTHER_CREDENTIALS("IAM1010", "other-credentials", Severity.NOTE,
            "Calls signed with credentials other than the target's role are not charged to it",
            "The code builds a client or session from other credentials: a role it assumes with "
                    + "`sts.assume_role` (or a web identity / SAML assertion), Cognito identity pool credentials, "
                    + "access keys it passes explicitly, or a named profile. Those calls run as that principal, not "
                    + "as the deploy target's role, so they are never charged to it; the target is charged only "
                    + "`sts:AssumeRole` on the role (plus `sts:TagSession` / `sts:SetSourceIdentity` when the call "
                    + "passes tags or a source identity), evaluated with the role's trust policy when the project "
                    + "declares the role. When the project declares the assumed role (same role name), its calls are "
                    + "evaluated against that role's policies and the session policy passed; otherwise this note "
                    + "lists them once per role, because that role's policies cannot be read offline. Calls to a "
                    + "local emulator endpoint (LocalStack, DynamoDB Local) do not reach AWS IAM and are skipped."),
    UNSURE_REACH("IAM1011", "unsure-reachability", Severity.WARNING,
            "A denied call is in code the target may never run",
            "The call would be denied (as IAM1001 or IAM1004 would report), but the analysis cannot tell that the "
                    + "target runs it, and has a reason to doubt it, which the message gives: the handler names a "
                    + "module that no file of the code is (Lambda then fails with Runtime.ImportModuleError), or the "
                    + "call is in a method of a class built on a library's class that no code the target runs "
                    + "calls, while the project calls it itself from code the target does not run (a test fixture "
                    + "calling Model.create_table). The call stays charged, so the permission is not forgotten if the "
                    + "code does run; it is a warning rather than an error because the call may never be made."),
    REJECTED_BY_SDK("IAM1012", "rejected-by-sdk", Severity.WARNING,
            "A denied call that the SDK refuses to send anyway",
            "The policies deny the call, but the SDK rejects the request before sending it, so it fails without "
                    + "reaching IAM: an S3 bucket name known in full that is not a valid name (botocore's "
                    + "validate_bucket_name raises ParamValidationError for anything but letters, digits, '.', '-' "
                    + "and '_', such as a placeholder 'YOUR BUCKET NAME HERE'). Fix the value; with a valid name the "
                    + "call needs the permission the message names."),
    UNMODELLED_LIBRARY("IAM1050", "unmodelled-library", Severity.NOTE,
            "The project depends on a library that calls AWS, whose permissions are not modelled",
            "A dependency file (requirements*.txt, Pipfile, pyproject.toml or a lock file) names a package known to "
                    + "make AWS calls itself, such as a logging handler that writes to CloudWatch Logs, and "
                    + "iam-preflight has no model of it (docs/libraries.md lists the modelled ones). The calls it "
                    + "makes are not found in the code, so the permissions they need are not checked: check them by "
                    + "hand, or declare the library's functions as SDK wrappers in .iam-preflight.yml."),
    UNMAPPED_OPERATION("IAM1060", "unmapped-operation", Severity.WARNING,
            "The code calls an SDK operation whose IAM action is not known, so the call is not checked",
            "The operation is in the current AWS SDK model, but the bundled Service Authorization Reference has no "
                    + "action of the same name in the service's IAM prefix (or the service has no IAM prefix), and "
                    + "no reviewed table maps it to another action or says it needs none. iam-preflight cannot "
                    + "tell which permission the call needs, so it says so instead of passing the call silently. "
                    + "Look the operation up in the service's API Reference (\"Permissions\") and check the role "
                    + "allows it; docs/coverage.md lists the operations in this case."),
    SIMULATOR_DISAGREEMENT("IAM1101", "simulator-disagreement", Severity.WARNING,
            "The local engine and the AWS IAM policy simulator decide a request differently",
            "With `--simulator both`, every pair is decided by the local engine and by the AWS IAM policy "
                    + "simulator. Here one allows what the other denies; the message gives both explanations. AWS "
                    + "decides the deploy, so trust the simulator unless the difference is one docs/engine.md lists "
                    + "as a known limit of the simulator, and report other differences as engine bugs."),
    NOT_CHECKED_REMOTELY("IAM1102", "cannot-check-remotely", Severity.NOTE,
            "The AWS IAM policy simulator cannot take this request, so the local answer is kept",
            "The pair needs an input the simulator API does not accept: a resource control policy, a session "
                    + "policy, a KMS key or role trust policy (the simulator treats every resource policy as a "
                    + "generic one), a resource or policy with a part the project leaves unknown ({?}), a policy "
                    + "over 131,072 characters, or an input the simulator rejected. The finding (or its absence) "
                    + "comes from the local engine."),
    SIMULATOR_MISSING_CONTEXT("IAM1103", "simulator-missing-context", Severity.NOTE,
            "The AWS IAM policy simulator lacked context values the policies' conditions use",
            "The simulator reported condition keys it had no value for (MissingContextValues). A decision that "
                    + "depends on them is not definite: such a missing-permission finding is lowered to a warning. "
                    + "Conditions on keys the simulator does not report (for example keys in SCPs) are not decided "
                    + "either."),
    SIMULATOR_ACCOUNT("IAM1104", "simulator-account", Severity.NOTE,
            "The simulator was asked with the account of the credentials in use",
            "The project leaves the account of some ARNs unknown, so iam-preflight filled in the account and "
                    + "partition of the caller (sts:GetCallerIdentity) before asking the simulator. Pass "
                    + "--account-id if the app deploys to another account.");

    /** Where {@code docs/rules.md} is published; each rule has an anchor there named after its lower-case id. */

    private final String id;
    private final String ruleName;
    private final Severity severity;
    private final String summary;
    private final String description;

    Rule(String id, String ruleName, Severity severity, String summary, String description) {
        this.id = id;
        this.ruleName = ruleName;
        this.severity = severity;
        this.summary = summary;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** A short kebab-case name, e.g. {@code missing-permission}. */
    public String ruleName() {
        return ruleName;
    }

    public Severity severity() {
        return severity;
    }

    /** One line, no trailing period. */
    public String summary() {
        return summary;
    }

    public String description() {
        return description;
    }

    /** The rule's section of docs/rules.md where this build is published ({@link ProjectHome}). */
    public Optional<String> helpUri() {
        return ProjectHome.ruleDoc(id);
    }

    public static Optional<Rule> byId(String id) {
        for (Rule r : values()) {
            if (r.id.equalsIgnoreCase(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
