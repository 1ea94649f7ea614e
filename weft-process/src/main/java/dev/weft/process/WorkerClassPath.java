package dev.weft.process;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The default class path of worker JVMs: where the classes a worker needs really come from, so that a worker starts
 * whatever launched this JVM (a plain {@code java -cp}, a fat jar, {@code mvn exec:java}, a test runner).
 *
 * <p>In order, without duplicates: the code sources of weft-process ({@link WorkerMain}) and of Jackson's
 * databind, core and annotations (the worker's own needs), the entries of {@code java.class.path}, then the
 * {@code file:} URLs of the given class loader and its parents that are {@link URLClassLoader}s (where a launcher
 * such as Maven's puts the application and the task functions).
 */
final class WorkerClassPath {

    private static final List<String> WORKER_CLASSES = List.of(
            WorkerMain.class.getName(),
            "tools.jackson.databind.json.JsonMapper",
            "tools.jackson.core.JsonParser",
            "com.fasterxml.jackson.annotation.JsonCreator");

    private WorkerClassPath() {}

    /**
     * Builds the class path.
     *
     * @param loader the loader that task functions are checked with
     * @return the entries joined with the path separator
     */
    static String of(final ClassLoader loader) {
        final Set<String> entries = new LinkedHashSet<>();
        for (final String name : WORKER_CLASSES) {
            codeSource(name, loader).ifPresent(entries::add);
        }
        for (final String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        for (ClassLoader at = loader; at != null; at = at.getParent()) {
            if (at instanceof URLClassLoader urls) {
                for (final URL url : urls.getURLs()) {
                    file(url).ifPresent(entries::add);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Optional<String> codeSource(final String className, final ClassLoader loader) {
        try {
            final Class<?> type =
                    Class.forName(className, false, loader != null ? loader : WorkerClassPath.class.getClassLoader());
            final CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? Optional.empty() : file(source.getLocation());
        } catch (final ClassNotFoundException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> file(final URL url) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(url.toURI()).toString());
        } catch (final URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
