package dev.iampreflight.rules.internal;

import dev.iampreflight.project.DeclaredResource;
import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.Project;
import dev.iampreflight.project.ResourceKind;
import dev.iampreflight.project.ResourcePolicy;
import dev.iampreflight.rules.ProjectFacts.KeyUse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resources of a project encrypted with a KMS key in another account than the project's functions, with the key's
 * policy when the project or the config file holds it. A key named by an alias, or whose ARN or account is not known
 * offline, is not listed; nor is a function whose account is not known (from {@code --account-id}, the config file,
 * or its role ARN).
 */
final class KeyUses {

    private static final Pattern KEY = Pattern.compile("^arn:aws[a-z-]*:kms:[a-z0-9-]+:(\\d{12}):key/[\\w-]+$");
    private static final Pattern ROLE = Pattern.compile("^arn:aws[a-z-]*:iam::(\\d{12}):role/.+$");

    private KeyUses() {
    }

    static List<KeyUse> read(Project project, List<ResourcePolicy> declared) {
        List<KeyUse> out = new ArrayList<>();
        Map<String, ResourcePolicy> keyPolicies = new LinkedHashMap<>();
        List<ResourcePolicy> all = new ArrayList<>(project.resourcePolicies().all());
        all.addAll(declared);
        for (ResourcePolicy p : all) {
            if (p.kind() == ResourceKind.KMS_KEY) {
                keyPolicies.putIfAbsent(p.resourceArn(), p);
            }
        }
        if (keyPolicies.isEmpty()) {
            return out;
        }
        for (DeclaredResource r : project.resources()) {
            Optional<String> key = r.kmsKey();
            Matcher m = key.map(KEY::matcher).filter(Matcher::matches).orElse(null);
            ResourcePolicy policy = key.map(keyPolicies::get).orElse(null);
            if (m == null || policy == null) {
                continue;
            }
            Map<String, String> users = new LinkedHashMap<>();
            for (DeployTarget t : project.targets()) {
                account(t).filter(a -> !a.equals(m.group(1))).ifPresent(a -> users.put(t.name(), a));
            }
            if (!users.isEmpty()) {
                out.add(new KeyUse(r.name(), r.source(), key.get(), policy.document(), policy.source(), users));
            }
        }
        return out;
    }

    private static Optional<String> account(DeployTarget t) {
        Optional<String> a = t.account().filter(x -> x.matches("\\d{12}"));
        if (a.isPresent()) {
            return a;
        }
        Matcher m = ROLE.matcher(t.principal());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
