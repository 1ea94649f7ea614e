package dev.weft.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the captured outputs under {@code src/test/resources/report/}. */
final class Resources {

    private Resources() {}

    /**
     * Reads one captured file.
     *
     * @param name the file name under {@code report/}
     * @return its text
     */
    static String text(final String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource report/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
