package dev.iampreflight.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What Maven filtered into {@code version.properties} at build time (the version, where the build is published). */
public final class BuildInfo {

    private static final Properties PROPERTIES = read();

    private BuildInfo() {
    }

    /** The property {@code key}, or {@code fallback} when the resource or the key is missing. */
    public static String property(String key, String fallback) {
        return PROPERTIES.getProperty(key, fallback);
    }

    private static Properties read() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/iampreflight/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource reads as empty: every property takes its fallback
        }
        return p;
    }
}
