package dev.weft.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the fixture machine trees under {@code src/test/resources/topology/NAME/sys} and writes new ones. */
final class Fixtures {

    private Fixtures() {}

    static Path sysfs(final String machine) {
        try {
            return Path.of(
                    Fixtures.class.getResource("/topology/" + machine + "/sys").toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Topology read(final String machine) {
        return Topology.read(TopologySource.ofSysfs(sysfs(machine)));
    }

    static void write(final Path root, final String relative, final String text) {
        try {
            final Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + "\n");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
