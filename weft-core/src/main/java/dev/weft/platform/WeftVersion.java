package dev.weft.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of weft, as the build wrote it: the one string that {@code weft --version}, SPDK's
 * {@code spdk_get_version} and the demo's report all print.
 *
 * <p>Thread-safe: the value is read once, when this class is initialised.
 */
public final class WeftVersion {

    private static final String RESOURCE = "weft-version.properties";
    private static final String VERSION = read();

    private WeftVersion() {}

    /**
     * Returns weft's version, for example {@code 0.1.0-SNAPSHOT}.
     *
     * @return the version of the weft-core build on the class or module path
     */
    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = WeftVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("weft-core is missing its resource " + RESOURCE
                        + " (dev/weft/platform): the jar was not built by weft's Maven build");
            }
            final Properties properties = new Properties();
            properties.load(in);
            final String version = properties.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("weft-core's " + RESOURCE + " holds no version (was '" + version
                        + "'): the resource was not filtered by the build");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weft-core's " + RESOURCE, e);
        }
    }
}
