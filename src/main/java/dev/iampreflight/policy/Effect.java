package dev.iampreflight.policy;

/** A statement's effect. AWS accepts exactly "Allow" and "Deny" (case-sensitive). */
public enum Effect {
    ALLOW("Allow"), DENY("Deny");

    private final String json;

    Effect(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
