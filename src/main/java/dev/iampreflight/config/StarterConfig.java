package dev.iampreflight.config;

/** The {@code .iam-preflight.yml} that {@code iam-preflight init} writes: valid, empty, with examples commented out. */
public final class StarterConfig {

    public static final String TEXT = """
            # iam-preflight configuration. Every key is optional; docs/configuration.md of the iam-preflight
            # sources lists them all, and 'iam-preflight rules' the rule ids.

            # Account, region and partition the app deploys to, for ARNs the IaC leaves to deploy time.
            # account-id: "123456789012"
            # region: us-east-1
            # partition: aws

            # Switch a rule off or change its severity (error, warning, note). 'iam-preflight rules' lists them.
            rules: {}
            #  IAM1004: off
            #  IAM1002: error

            # CloudFormation/SAM parameter values and Terraform variable values used to resolve ARNs.
            parameters: {}
            vars: {}

            # Findings to ignore: rule and reason are required; path, target and action (globs) narrow the entry;
            # after 'expires' it is reported again as IAM1005.
            ignore: []
            #  - rule: IAM1002
            #    reason: the queue name is validated at startup
            #    target: "sam:OrdersFunction"
            #    expires: 2027-01-31
            """;

    private StarterConfig() {
    }
}
