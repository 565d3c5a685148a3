package io.tokenomics.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pulls an image from a registry (Docker Registry HTTP API v2, anonymous) the way a kubelet does: the manifest by
 * digest, then the config and every layer, each checked against its sha256; then unpacks the layers in order into a
 * root filesystem (as root, owners kept; OCI whiteouts applied).
 */
final class RegistryPull {
    private static final String ACCEPT = "application/vnd.docker.distribution.manifest.v2+json,"
            + "application/vnd.oci.image.manifest.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String scheme;

    RegistryPull(boolean plainHttp) {
        this.scheme = plainHttp ? "http" : "https";
    }

    /** What was pulled: the image config's runtime part and sizes. */
    record PulledImage(JsonNode config, int layers, long compressedBytes, String tagDigest) {
        String user() {
            return config.path("config").path("User").asText("");
        }

        List<String> env() {
            return strings(config.path("config").path("Env"));
        }

        List<String> command() {
            List<String> command = new ArrayList<>(strings(config.path("config").path("Entrypoint")));
            command.addAll(strings(config.path("config").path("Cmd")));
            return command;
        }

        String workingDir() {
            return config.path("config").path("WorkingDir").asText("/");
        }

        private static List<String> strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }
    }

    PulledImage pull(ImageReference image, Path rootfs, Path downloads) throws IOException, InterruptedException {
        String base = scheme + "://" + image.registry() + "/v2/" + image.repository();
        HttpResponse<byte[]> manifest = get(base + "/manifests/" + image.digest());
        String manifestDigest = sha256(manifest.body());
        if (!manifestDigest.equals(image.digest())) {
            throw new IllegalStateException("manifest of " + image + " hashes to " + manifestDigest);
        }
        // The tag must point at the same image (what the chart's tag-only form would pull).
        String tagDigest = get(base + "/manifests/" + image.tag()).headers().firstValue("Docker-Content-Digest").orElse("");
        JsonNode m = JSON.readTree(manifest.body());
        Files.createDirectories(downloads);
        Files.createDirectories(rootfs);
        JsonNode config = JSON.readTree(Files.readAllBytes(blob(base, m.path("config").path("digest").asText(), downloads)));
        long compressed = m.path("config").path("size").asLong();
        int layers = 0;
        for (JsonNode layer : m.path("layers")) {
            Path file = blob(base, layer.path("digest").asText(), downloads);
            compressed += layer.path("size").asLong();
            untar(file, rootfs, layer.path("mediaType").asText().endsWith("gzip"));
            layers++;
        }
        return new PulledImage(config, layers, compressed, tagDigest);
    }

    private Path blob(String base, String digest, Path downloads) throws IOException, InterruptedException {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalStateException("unexpected blob digest " + digest);
        }
        Path file = downloads.resolve(digest.substring(7));
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/blobs/" + digest))
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException("GET blob " + digest + ": HTTP " + response.statusCode());
        }
        MessageDigest sha = sha256();
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(digest)) {
            throw new IllegalStateException("blob " + digest + " arrived as " + actual);
        }
        return file;
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", ACCEPT)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? " (only anonymous pulls are supported here)" : ""));
        }
        return response;
    }

    private static void untar(Path layer, Path rootfs, boolean gzip) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", gzip ? "-xzf" : "-xf", layer.toString(), "-C", rootfs.toString(),
                "--numeric-owner", "--same-permissions").redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("unpacking " + layer + " failed: " + output);
        }
        applyWhiteouts(rootfs);
    }

    /** OCI whiteouts: {@code .wh.NAME} deletes NAME from lower layers, {@code .wh..wh..opq} empties the folder. */
    private static void applyWhiteouts(Path rootfs) throws IOException {
        List<Path> whiteouts;
        try (Stream<Path> paths = Files.walk(rootfs)) {
            whiteouts = paths.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(".wh.")).toList();
        }
        for (Path wh : whiteouts) {
            String name = wh.getFileName().toString();
            if (name.equals(".wh..wh..opq")) {
                try (Stream<Path> siblings = Files.list(wh.getParent())) {
                    for (Path sibling : siblings.filter(s -> !s.equals(wh)).toList()) {
                        FileTrees.delete(sibling);
                    }
                }
            } else {
                FileTrees.delete(wh.resolveSibling(name.substring(4)));
            }
            Files.deleteIfExists(wh);
        }
    }

    static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
