package dev.latchkey.adapters.connectors.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds connector files: in a folder of the classpath (a directory while developing, a jar or a
 * shaded jar when packaged; no index file, so adding a connector is adding one file) and in an
 * operator's directory.
 */
final class ConnectorFiles {
    private ConnectorFiles() {
    }

    /**
     * Every definition file directly in {@code folder} of the class loader's classpath, plus those in
     * {@code folder} of {@code codeSource} (the jar or directory of Latchkey's own classes, which
     * catches jars written without directory entries). Found once each, by location.
     */
    static List<ConnectorFile> onClasspath(ClassLoader loader, String folder, Optional<URL> codeSource) {
        Map<String, ConnectorFile> found = new TreeMap<>();
        try {
            for (URL root : Collections.list(loader.getResources(folder))) {
                scanRoot(root, folder, found);
            }
            if (codeSource.isPresent()) {
                Path source = Path.of(codeSource.get().toURI());
                if (Files.isDirectory(source)) {
                    scanDirectory(source.resolve(folder), found, true);
                } else if (Files.isRegularFile(source)) {
                    try (JarFile jar = new JarFile(source.toFile())) {
                        scanJar(jar, source.toRealPath().toString(), folder, found);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the connector files on the classpath", e);
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalStateException("could not list the connector files on the classpath: " + e.getMessage(), e);
        }
        return List.copyOf(found.values());
    }

    /** Every {@code *.yaml}, {@code *.yml} and {@code *.json} file directly in the directory. */
    static List<ConnectorFile> inDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("latchkey.connectors-dir " + directory + " is not a directory");
        }
        Map<String, ConnectorFile> found = new TreeMap<>();
        try {
            scanDirectory(directory, found, false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the connector files in " + directory, e);
        }
        return List.copyOf(found.values());
    }

    private static void scanRoot(URL root, String folder, Map<String, ConnectorFile> found) throws IOException, URISyntaxException {
        switch (root.getProtocol()) {
            case "file" -> scanDirectory(Path.of(root.toURI()), found, true);
            case "jar" -> {
                URLConnection connection = root.openConnection();
                if (!(connection instanceof JarURLConnection jarConnection)) {
                    throw new IllegalStateException("cannot list " + root);
                }
                jarConnection.setUseCaches(false);
                try (JarFile jar = jarConnection.getJarFile()) {
                    String jarLocation = jarConnection.getJarFileURL().getProtocol().equals("file")
                            ? Path.of(jarConnection.getJarFileURL().toURI()).toRealPath().toString()
                            : jarConnection.getJarFileURL().toString();
                    scanJar(jar, jarLocation, folder, found);
                }
            }
            default -> throw new IllegalStateException("cannot list connector files in " + root
                    + " (only directories and jars are supported)");
        }
    }

    private static void scanDirectory(Path directory, Map<String, ConnectorFile> found, boolean builtIn) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> ConnectorFile.isDefinition(p.getFileName().toString()))
                    .toList();
        }
        for (Path file : files) {
            String location = file.toRealPath().toString();
            if (!found.containsKey(location)) {
                found.put(location, new ConnectorFile(location, file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), builtIn));
            }
        }
    }

    private static void scanJar(JarFile jar, String jarLocation, String folder, Map<String, ConnectorFile> found) throws IOException {
        String prefix = folder + "/";
        List<JarEntry> entries = new ArrayList<>();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0
                    && ConnectorFile.isDefinition(name.substring(prefix.length()))) {
                entries.add(entry);
            }
        }
        for (JarEntry entry : entries) {
            String location = jarLocation + "!/" + entry.getName();
            if (!found.containsKey(location)) {
                try (InputStream in = jar.getInputStream(entry)) {
                    found.put(location, new ConnectorFile(location, entry.getName().substring(prefix.length()),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8), true));
                }
            }
        }
    }
}
