package dev.iampreflight.eval.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the engine knows about the request's principal, derived from the string the caller gave. ARN forms follow
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html. A role ARN
 * ({@code arn:aws:iam::111122223333:role/r}) stands for "a session of this role whose name is not known".
 */
public final class PrincipalInfo {

    private final Type type;
    private final String arn;
    private final String account;
    private final String partition;
    private final Optional<String> roleArn;
    private final Optional<String> userName;
    private final Optional<String> serviceName;
    private final java.util.Map<String, List<String>> derivedKeys;

    public PrincipalInfo(Type type, String arn, String account, String partition, Optional<String> roleArn,
                         Optional<String> userName, Optional<String> serviceName) {
        this.type = type;
        this.arn = arn;
        this.account = account;
        this.partition = partition;
        this.roleArn = roleArn;
        this.userName = userName;
        this.serviceName = serviceName;
        this.derivedKeys = derive();
    }

    public Type type() {
        return type;
    }

    public String arn() {
        return arn;
    }

    public String account() {
        return account;
    }

    public String partition() {
        return partition;
    }

    public Optional<String> roleArn() {
        return roleArn;
    }

    public Optional<String> userName() {
        return userName;
    }

    public Optional<String> serviceName() {
        return serviceName;
    }

    public enum Type {
        ANONYMOUS("Anonymous"), SERVICE("AWSService"), USER("User"), ROLE("AssumedRole"),
        ASSUMED_ROLE("AssumedRole"), FEDERATED_USER("FederatedUser"), ROOT("Account"), OTHER("");

        private final String contextValue;

        Type(String contextValue) {
            this.contextValue = contextValue;
        }

        /** The value of aws:PrincipalType. */
        public String contextValue() {
            return contextValue;
        }
    }

    public static final PrincipalInfo ANONYMOUS = new PrincipalInfo(Type.ANONYMOUS, "", "", "aws", Optional.empty(),
            Optional.empty(), Optional.empty());

    public boolean isIamPrincipal() {
        return type != Type.ANONYMOUS && type != Type.SERVICE && type != Type.OTHER;
    }

    /** The ARN policies see in aws:PrincipalArn: the role ARN for a role session. */
    public String principalArn() {
        return roleArn.orElse(arn);
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, PrincipalInfo> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@link #of}, remembered: the same few principals are evaluated over and over. */
    public static PrincipalInfo cached(Optional<String> principal) {
        if (principal.isEmpty()) {
            return ANONYMOUS;
        }
        PrincipalInfo p = CACHE.get(principal.get());
        if (p == null) {
            if (CACHE.size() > 10_000) {
                CACHE.clear();
            }
            p = of(principal);
            CACHE.put(principal.get(), p);
        }
        return p;
    }

    /** The context keys AWS derives from this principal, by lower-case name (computed once per principal). */
    public java.util.Map<String, List<String>> derived() {
        return derivedKeys;
    }

    private java.util.Map<String, List<String>> derive() {
        java.util.Map<String, List<String>> c = new java.util.HashMap<>();
        switch (type) {
            case ANONYMOUS -> {
                c.put("aws:principaltype", List.of("Anonymous"));
                c.put("aws:userid", List.of("anonymous"));
            }
            case SERVICE -> {
                c.put("aws:principalisawsservice", List.of("true"));
                c.put("aws:principalservicename", List.of(serviceName.orElse("")));
            }
            case OTHER -> {
            }
            default -> {
                c.put("aws:principalarn", List.of(principalArn()));
                c.put("aws:principalaccount", List.of(account));
                c.put("aws:principaltype", List.of(type.contextValue()));
                c.put("aws:principalisawsservice", List.of("false"));
                userName.ifPresent(u -> c.put("aws:username", List.of(u)));
                if (type == Type.ROOT) {
                    c.put("aws:userid", List.of(account));
                }
            }
        }
        return java.util.Map.copyOf(c);
    }

    public static PrincipalInfo of(Optional<String> principal) {
        if (principal.isEmpty() || principal.get().isBlank() || principal.get().equals("*")) {
            return ANONYMOUS;
        }
        String p = principal.get().trim();
        if (!p.regionMatches(true, 0, "arn:", 0, 4)) {
            if (p.matches("\\d{12}")) {
                return new PrincipalInfo(Type.ROOT, "arn:aws:iam::" + p + ":root", p, "aws", Optional.empty(),
                        Optional.empty(), Optional.empty());
            }
            if (p.contains(".")) {
                return new PrincipalInfo(Type.SERVICE, p, "", "aws", Optional.empty(), Optional.empty(),
                        Optional.of(p.toLowerCase(Locale.ROOT)));
            }
            return new PrincipalInfo(Type.OTHER, p, "", "aws", Optional.empty(), Optional.empty(), Optional.empty());
        }
        String[] parts = p.split(":", 6);
        if (parts.length < 6) {
            return new PrincipalInfo(Type.OTHER, p, "", "aws", Optional.empty(), Optional.empty(), Optional.empty());
        }
        String partition = parts[1];
        String service = parts[2].toLowerCase(Locale.ROOT);
        String account = parts[4];
        String res = parts[5];
        if (service.equals("iam") && res.equals("root")) {
            return new PrincipalInfo(Type.ROOT, p, account, partition, Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        if (service.equals("iam") && res.startsWith("user/")) {
            String name = res.substring(res.lastIndexOf('/') + 1);
            return new PrincipalInfo(Type.USER, p, account, partition, Optional.empty(), Optional.of(name),
                    Optional.empty());
        }
        if (service.equals("iam") && res.startsWith("role/")) {
            return new PrincipalInfo(Type.ROLE, p, account, partition, Optional.of(p), Optional.empty(),
                    Optional.empty());
        }
        if (service.equals("sts") && res.startsWith("assumed-role/")) {
            String[] r = res.split("/", 3);
            String role = "arn:" + partition + ":iam::" + account + ":role/" + (r.length > 1 ? r[1] : "");
            return new PrincipalInfo(Type.ASSUMED_ROLE, p, account, partition, Optional.of(role), Optional.empty(),
                    Optional.empty());
        }
        if (service.equals("sts") && res.startsWith("federated-user/")) {
            return new PrincipalInfo(Type.FEDERATED_USER, p, account, partition, Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        return new PrincipalInfo(Type.OTHER, p, account, partition, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * The identities a NotPrincipal must all name to exempt this principal: the account, then the role (for a
     * session), then the principal itself. AWS checks them in that order
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
     */
    public List<String> chain() {
        List<String> out = new ArrayList<>();
        switch (type) {
            case SERVICE -> out.add("service:" + serviceName.orElse(""));
            case ANONYMOUS, OTHER -> out.add("anonymous");
            case ROOT -> out.add("account:" + account);
            case ROLE -> {
                out.add("account:" + account);
                out.add("arn:" + arn.toLowerCase(Locale.ROOT));
            }
            case ASSUMED_ROLE -> {
                out.add("account:" + account);
                out.add("arn:" + roleArn.get().toLowerCase(Locale.ROOT));
                out.add("arn:" + arn.toLowerCase(Locale.ROOT));
            }
            default -> {
                out.add("account:" + account);
                out.add("arn:" + arn.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
