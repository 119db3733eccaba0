package dev.iampreflight.check.internal;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.require.Requirement;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which requests botocore refuses before sending: (service, resource) -> refused or not. */
class ClientSideRejectionsTest {

    private static boolean refused(String service, String resource) {
        SdkCall call = new SdkCall(service, "put_object", Map.of("Bucket", SymbolicValue.unknown("test")),
                Confidence.HIGH, SourceLocation.of("app.py"), "handler", "client");
        return ClientSideRejections.why(new Requirement("s3:PutObject", resource, Map.of(), "test", call))
                .isPresent();
    }

    @Test
    void onlyAnS3BucketNameKnownInFullThatBotocoreRejectsIsRefused() {
        assertEquals(true, refused("s3", "arn:aws:s3:::YOUR BUCKET NAME HERE/data.csv"));
        assertEquals(true, refused("s3", "arn:aws:s3:::<bucket>"));
        assertEquals(false, refused("s3", "arn:aws:s3:::acme.reports_2024-eu/data.csv"));
        assertEquals(false, refused("s3", "arn:aws:s3:::{?}/data.csv"), "an unknown part is never judged");
        assertEquals(false, refused("s3", "arn:aws:s3:::reports-{?} x/k"), "an unknown part is never judged");
        assertEquals(false, refused("s3", "arn:aws:s3:us-east-1:123456789012:accesspoint/ap one/object/k"),
                "access points are not bucket names");
        assertEquals(false, refused("dynamodb", "arn:aws:s3:::YOUR BUCKET/k"), "only S3's Bucket is checked");
    }
}
