package dev.iampreflight.require;

import dev.iampreflight.project.DeclaredResource;
import dev.iampreflight.project.ResourceKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a declared S3 bucket's canned ACL may grant a request. An ACL grants like a resource policy (either it or the
 * caller's identity policy suffices in the bucket's account), but only while the bucket's ACLs are in effect, which
 * the IaC alone cannot show: Object Ownership {@code BucketOwnerEnforced} (the default for buckets created since
 * April 2023) disables them, and Block Public Access's {@code IgnorePublicAcls} (on by default for new buckets, and
 * settable for the whole account outside the project) ignores public grants. So such a grant makes a denial
 * uncertain, never an allow; a bucket whose IaC disables ACLs or ignores public ones grants nothing.
 *
 * <p>The grants, from "Access control list (ACL) overview" (canned ACLs: {@code public-read} gives the AllUsers
 * group READ, {@code public-read-write} READ and WRITE, {@code authenticated-read} the AuthenticatedUsers group READ)
 * and the mapping of ACL permissions to policy actions (a bucket's READ allows {@code s3:ListBucket},
 * {@code s3:ListBucketVersions} and {@code s3:ListBucketMultipartUploads} on the bucket; its WRITE allows
 * {@code s3:PutObject} and {@code s3:DeleteObject} on any object in it):
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html. The other canned ACLs grant
 * nothing to a function's role (the bucket owner, the log delivery group, EC2 for AMI bundles).
 */
public final class BucketAcls {

    private BucketAcls() {
    }

    private static final Set<String> READ_ACTIONS = Set.of("s3:listbucket", "s3:listbucketversions",
            "s3:listbucketmultipartuploads");
    private static final Set<String> WRITE_ACTIONS = Set.of("s3:putobject", "s3:deleteobject");

    /**
     * A grant that may allow a request: the bucket, its ACL as written, where, and the permission that covers the
     * action ({@code READ} or {@code WRITE}).
     */
    public record Grant(DeclaredResource bucket, String acl, String written, String permission, String grantee) {

        /** Why the denial is uncertain, as a sentence for a finding's message. */
        public String describe(String action) {
            return " The bucket's ACL " + acl + (written.isEmpty() ? "" : " (" + written + ")") + " grants "
                    + permission + " to " + grantee + ", which allows " + action + " while the bucket's ACLs are in effect: not"
                    + " when its Object Ownership is BucketOwnerEnforced or Block Public Access ignores public ACLs"
                    + " (both the default for buckets created since April 2023; the second also an account"
                    + " setting), which the IaC does not show.";
        }
    }

    /**
     * The ACL grant of a declared bucket that may allow {@code action} on {@code resource}, if any. The bucket is the
     * one {@code resource} may be on (an unknown part may stand for it).
     */
    public static Optional<Grant> mayGrant(String action, String resource, List<DeclaredResource> resources) {
        String a = action.toLowerCase(Locale.ROOT);
        boolean read = READ_ACTIONS.contains(a);
        boolean write = WRITE_ACTIONS.contains(a);
        if ((!read && !write) || !resource.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = resource.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("s3") || parts[5].isEmpty()) {
            return Optional.empty();
        }
        // READ is on the bucket itself, WRITE on its objects.
        boolean object = parts[5].indexOf('/') > 0;
        if (read == object) {
            return Optional.empty();
        }
        for (DeclaredResource d : resources) {
            if (d.kind() != ResourceKind.S3_BUCKET || !d.attributes().containsKey(DeclaredResource.ACL)) {
                continue;
            }
            if (ResourceKeys.declaredFor(resource, ResourceKind.S3_BUCKET, List.of(d)).isEmpty()) {
                continue;
            }
            Optional<Grant> g = grant(d, read ? "READ" : "WRITE");
            if (g.isPresent()) {
                return g;
            }
        }
        return Optional.empty();
    }

    private static Optional<Grant> grant(DeclaredResource d, String permission) {
        String acl = d.attributes().get(DeclaredResource.ACL);
        String ownership = d.attributes().getOrDefault(DeclaredResource.OBJECT_OWNERSHIP, "");
        String ignore = d.attributes().getOrDefault(DeclaredResource.IGNORE_PUBLIC_ACLS, "");
        if (ownership.equals("BucketOwnerEnforced") || ignore.equalsIgnoreCase("true")) {
            // ACLs disabled, or every grant below is public and ignored.
            return Optional.empty();
        }
        String canned = acl.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        String grantee;
        boolean grants;
        switch (canned) {
            case "public-read" -> {
                grantee = "everyone (AllUsers)";
                grants = permission.equals("READ");
            }
            case "public-read-write" -> {
                grantee = "everyone (AllUsers)";
                grants = true;
            }
            case "authenticated-read" -> {
                grantee = "every AWS account (AuthenticatedUsers)";
                grants = permission.equals("READ");
            }
            default -> {
                // A value not known offline ({?}) may be any of them.
                grantee = "whoever it names";
                grants = acl.contains("{?}");
            }
        }
        return grants ? Optional.of(new Grant(d, acl, d.attributes().getOrDefault(DeclaredResource.ACL_AT, ""),
                permission, grantee)) : Optional.empty();
    }
}
