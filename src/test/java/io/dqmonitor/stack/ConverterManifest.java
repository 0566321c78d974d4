package io.dqmonitor.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The worker finds plugins by their {@code ServiceLoader} manifests ({@code plugin.discovery=service_load}, the fast
 * and quiet way), and Apicurio's converter jar has none: this adds one beside it, as Kafka's
 * {@code connect-plugin-path sync-manifests} would.
 */
final class ConverterManifest {

    private static final String SERVICE = "META-INF/services/org.apache.kafka.connect.storage.Converter";

    private ConverterManifest() {
    }

    static void write(Path pluginDirectory, String converterClass) {
        Path jar = pluginDirectory.resolve("dq-monitor-converter-manifest.jar");
        if (!Files.isDirectory(pluginDirectory) || Files.exists(jar)) {
            return;
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(SERVICE));
            out.write((converterClass + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
