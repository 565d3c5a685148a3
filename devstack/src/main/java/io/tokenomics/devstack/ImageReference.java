package io.tokenomics.devstack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pinned image reference {@code registry/repository:tag@sha256:...} as {@code ./tokenomics images} writes it.
 * The registry part is required (host or host:port), the tag must not be {@code latest}, the digest is required.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    private static final Pattern FORMAT = Pattern.compile(
            "(?<registry>[A-Za-z0-9.-]+(?::[0-9]+)?)/(?<repository>[a-z0-9]+(?:[._/-][a-z0-9]+)*)"
                    + ":(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})@(?<digest>sha256:[0-9a-f]{64})");

    public static ImageReference parse(String reference) {
        Matcher m = FORMAT.matcher(reference.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a pinned image reference registry/repository:tag@sha256:<64 hex>: "
                    + reference);
        }
        if (m.group("tag").equals("latest")) {
            throw new IllegalArgumentException("the tag 'latest' is not allowed: " + reference);
        }
        return new ImageReference(m.group("registry"), m.group("repository"), m.group("tag"), m.group("digest"));
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag + "@" + digest;
    }
}
