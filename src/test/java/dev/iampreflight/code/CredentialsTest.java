package dev.iampreflight.code;

import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.core.SourceLocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whose credentials a call uses once a target's environment is known. */
class CredentialsTest {

    private static final SourceLocation AT = new SourceLocation("app.py", 3, 5);

    private static Credentials keys(SymbolicValue v) {
        return Credentials.of(Credentials.Kind.KEYS, v, AT);
    }

    private static SymbolicValue env(String name) {
        return new SymbolicValue.EnvVar(name, Optional.empty());
    }

    @Test
    void keysFromAnUnsetVariableOrTheRuntimesOwnAreTheDefaultChain() {
        assertTrue(keys(env("PARTNER_KEY")).resolve(Map.of()).isDefault(), "unset: None, boto3 ignores it");
        // Lambda's runtime sets AWS_ACCESS_KEY_ID to the execution role's keys (templates cannot set it).
        assertTrue(keys(env("AWS_ACCESS_KEY_ID")).resolve(Map.of()).isDefault());
        assertEquals(Credentials.Kind.KEYS, keys(env("PARTNER_KEY")).resolve(Map.of("PARTNER_KEY", "AKIA1")).kind());
        assertEquals(Credentials.Kind.KEYS, keys(SymbolicValue.unknown("secret")).resolve(Map.of()).kind());
        assertEquals(Credentials.Kind.KEYS, keys(SymbolicValue.literal("AKIA2")).resolve(Map.of()).kind());
    }

    @Test
    void onlyLocalHostsAndPlainHttpAreEmulators() {
        for (String url : List.of("http://localhost:8000", "http://127.0.0.1:4566", "http://host.docker.internal:4566/",
                "http://localstack:4566", "http://dynamodb:8000", "https://localhost.localstack.cloud:4566")) {
            assertTrue(Credentials.isLocalEndpoint(SymbolicValue.literal(url)), url);
        }
        for (String url : List.of("https://abc.execute-api.us-east-1.amazonaws.com/prod", "https://ws.example.com/prod",
                "http://s3.amazonaws.com", "{?}")) {
            assertFalse(Credentials.isLocalEndpoint(SymbolicValue.fromPattern(url)), url);
        }
        Credentials local = Credentials.of(Credentials.Kind.LOCAL_ENDPOINT, env("DYNAMO_ENDPOINT"), AT);
        assertTrue(local.resolve(Map.of()).isDefault(), "unset endpoint: AWS");
        assertEquals(Credentials.Kind.LOCAL_ENDPOINT,
                local.resolve(Map.of("DYNAMO_ENDPOINT", "http://localhost:8000")).kind());
        assertTrue(local.resolve(Map.of("DYNAMO_ENDPOINT", "https://dynamodb.us-east-1.amazonaws.com")).isDefault());
    }

    @Test
    void anAssumedRoleKeepsItsRoleOnceResolved() {
        Credentials c = Credentials.of(Credentials.Kind.ASSUMED_ROLE, SymbolicValue.concat(List.of(
                SymbolicValue.literal("arn:aws:iam::"), env("ACCOUNT"), SymbolicValue.literal(":role/auditor"))), AT);
        assertEquals(Optional.of("arn:aws:iam::111122223333:role/auditor"),
                c.resolve(Map.of("ACCOUNT", "111122223333")).roleArn());
        assertEquals(Optional.of("arn:aws:iam::{?}:role/auditor"), c.resolve(Map.of()).roleArn());
    }
}
