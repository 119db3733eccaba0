package dev.iampreflight.eval;

/** The part a policy plays in a decision. */
public enum PolicyRole {
    IDENTITY("identity policy"),
    RESOURCE("resource policy"),
    BOUNDARY("permissions boundary"),
    SESSION("session policy"),
    SCP("service control policy"),
    RCP("resource control policy");

    private final String label;

    PolicyRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
