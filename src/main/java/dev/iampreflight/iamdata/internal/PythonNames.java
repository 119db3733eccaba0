package dev.iampreflight.iamdata.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * botocore's {@code xform_name} (botocore/__init__.py, 1.37): the rule that turns an operation name such as
 * {@code ListObjectsV2} into the boto3 method {@code list_objects_v2}. Same regular expressions, same order, same
 * hand-written exceptions; Java's {@code replaceAll} scans left to right without overlap like Python's {@code re.sub}.
 */
public final class PythonNames {

    private static final Pattern FIRST_CAP = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern END_CAP = Pattern.compile("([a-z0-9])([A-Z])");
    /** A pluralised acronym at the end (GatewayARNs, ListWebACLs, SomeCNAMEs) becomes {@code _arns}, {@code _acls}. */
    private static final Pattern SPECIAL_CASE = Pattern.compile("[A-Z]{2,}s$");

    /** botocore's pre-filled {@code _xform_cache}: names its regular expressions get wrong, fixed by hand. */
    private static final Map<String, String> EXCEPTIONS = Map.ofEntries(
            Map.entry("CreateCachediSCSIVolume", "create_cached_iscsi_volume"),
            Map.entry("DescribeCachediSCSIVolumes", "describe_cached_iscsi_volumes"),
            Map.entry("DescribeStorediSCSIVolumes", "describe_stored_iscsi_volumes"),
            Map.entry("CreateStorediSCSIVolume", "create_stored_iscsi_volume"),
            Map.entry("ListHITsForQualificationType", "list_hits_for_qualification_type"),
            Map.entry("ExecutePartiQLStatement", "execute_partiql_statement"),
            Map.entry("ExecutePartiQLTransaction", "execute_partiql_transaction"),
            Map.entry("ExecutePartiQLBatch", "execute_partiql_batch"),
            Map.entry("AssociateWhatsAppBusinessAccount", "associate_whatsapp_business_account"),
            Map.entry("DeleteWhatsAppMessageMedia", "delete_whatsapp_media_message"),
            Map.entry("DisassociateWhatsAppBusinessAccount", "disassociate_whatsapp_business_account"),
            Map.entry("GetLinkedWhatsAppBusinessAccount", "get_linked_whatsapp_business_account"),
            Map.entry("GetLinkedWhatsAppBusinessAccountPhoneNumber",
                    "get_linked_whatsapp_business_account_phone_number"),
            Map.entry("GetWhatsAppMessageMedia", "get_whatsapp_message_media"),
            Map.entry("ListLinkedWhatsAppBusinessAccounts", "list_linked_whatsapp_business_accounts"),
            Map.entry("PostWhatsAppMessageMedia", "post_whatsapp_message_media"),
            Map.entry("PutWhatsAppBusinessAccountEventDestinations",
                    "put_whatsapp_business_account_event_destinations"),
            Map.entry("SendWhatsAppMessage", "send_whatsapp_message"));

    private PythonNames() {
    }

    public static String xformName(String name) {
        if (name.indexOf('_') >= 0) {
            // botocore: a name that already holds the separator is taken as transformed.
            return name;
        }
        String known = EXCEPTIONS.get(name);
        if (known != null) {
            return known;
        }
        Matcher special = SPECIAL_CASE.matcher(name);
        if (special.find()) {
            name = name.substring(0, special.start()) + "_" + special.group().toLowerCase(java.util.Locale.ROOT);
        }
        String s1 = FIRST_CAP.matcher(name).replaceAll("$1_$2");
        return END_CAP.matcher(s1).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
