package dev.iampreflight.project.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the script of the project that builds the archive a function's code is taken from in S3
 * ({@code Code: {S3Bucket, S3Key}}, SAM {@code CodeUri: s3://...}): a shell script or Makefile with a {@code zip}
 * line and an {@code aws s3 cp ARCHIVE s3://BUCKET/KEY} line naming that object, run from its own folder (its
 * relative paths say so), so the folder is the function's code. Only literal bucket and key are matched; the search
 * is bounded (depth, file count and size).
 */
public final class UploadScripts {

    /** The script, the line that uploads, and the folder the archive is built from (the script's folder). */
    public record Upload(Path script, int line, Path folder) {
    }

    private static final Pattern S3_CP = Pattern.compile("\\baws\\s+(?:--[\\w-]+(?:[= ]\\S+)?\\s+)*s3\\s+cp\\s+"
            + "(?:--[\\w-]+(?:[= ]\\S+)?\\s+)*(\\S+)\\s+['\"]?s3://([^/\\s'\"]+)/([^\\s'\"]+)");
    private static final Pattern ZIP = Pattern.compile("^\\s*(?:@|-)?\\s*zip\\s");
    private static final int MAX_DEPTH = 4;
    private static final int MAX_FILES = 200;
    private static final long MAX_BYTES = 256 * 1024;

    private UploadScripts() {
    }

    /** The script under {@code root} that zips its folder and uploads the archive to {@code s3://bucket/key}. */
    public static Optional<Upload> find(Path root, String bucket, String key, Set<String> skipped) {
        List<Path> scripts = new ArrayList<>();
        try {
            Files.walkFileTree(root, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = String.valueOf(dir.getFileName());
                    return !dir.equals(root) && (skipped.contains(n) || n.equals("site-packages"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (attrs.isRegularFile() && (n.endsWith(".sh") || n.endsWith(".bash") || n.equals("makefile"))) {
                        scripts.add(file);
                    }
                    return scripts.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        scripts.sort(null);
        for (Path s : scripts) {
            String[] lines;
            try {
                if (Files.size(s) > MAX_BYTES) {
                    continue;
                }
                lines = Files.readString(s, StandardCharsets.UTF_8).split("\r?\n", -1);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            boolean zipped = false;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].trim().startsWith("#")) {
                    continue;
                }
                zipped |= ZIP.matcher(lines[i]).find();
                Matcher m = S3_CP.matcher(lines[i]);
                if (zipped && m.find() && m.group(2).equals(bucket) && m.group(3).equals(key)
                        && !m.group(1).startsWith("s3://") && !m.group(1).startsWith("/")) {
                    return Optional.of(new Upload(s, i + 1, s.toAbsolutePath().normalize().getParent()));
                }
            }
        }
        return Optional.empty();
    }
}
