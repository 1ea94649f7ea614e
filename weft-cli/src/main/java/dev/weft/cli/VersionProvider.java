package dev.weft.cli;

import dev.weft.platform.WeftVersion;
import picocli.CommandLine;

/** Supplies {@code weft --version}: the version of the jar and the JVM it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** Creates the provider; picocli calls this. */
    public VersionProvider() {}

    /**
     * Returns the version lines.
     *
     * @return the weft version and the Java runtime version
     */
    @Override
    public String[] getVersion() {
        return new String[] {
            "weft " + WeftVersion.current(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
