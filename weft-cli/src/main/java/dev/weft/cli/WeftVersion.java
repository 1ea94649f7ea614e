package dev.weft.cli;

import picocli.CommandLine;

/** Supplies {@code weft --version}: the version of the jar and the JVM it runs on. */
public final class WeftVersion implements CommandLine.IVersionProvider {

    /** Creates the provider; picocli calls this. */
    public WeftVersion() {
    }

    /**
     * Returns the version lines.
     *
     * @return the weft version and the Java runtime version
     */
    @Override
    public String[] getVersion() {
        final String version = WeftVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "weft " + (version != null ? version : "(development build)"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
