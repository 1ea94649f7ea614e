package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./weft} launcher's search for a JDK >= 25, on fake JVM directories. */
class WeftScriptTest {

    private static final Path SCRIPT = Path.of("../weft").toAbsolutePath().normalize();

    @TempDir
    Path jvms;

    private record Run(int status, String output) {}

    private Run weft(final String javaHome, final String... args) throws Exception {
        final ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().put("WEFT_JVM_DIR", jvms.toString());
        if (javaHome == null) {
            builder.environment().remove("JAVA_HOME");
        } else {
            builder.environment().put("JAVA_HOME", javaHome);
        }
        final Process process = builder.redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private Path fakeJdk(final String name, final String version) throws Exception {
        final Path home = jvms.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        for (final String tool : new String[] {"java", "javac"}) {
            final Path file = home.resolve("bin").resolve(tool);
            Files.writeString(file, "#!/bin/sh\nexit 1\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void withNoJdk25ItSaysWhatToInstallAndFails() throws Exception {
        fakeJdk("java-17-openjdk-amd64", "17.0.15");
        final Run run = weft(null, "topology");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output())
                .contains(
                        "weft needs a JDK 25 or newer, and found none.",
                        "JAVA_HOME=(unset) holds no JDK >= 25",
                        "Install a JDK 25",
                        "temurin-25-jdk");
    }

    @Test
    void anOldJavaHomeIsNotTakenForAJdk25() throws Exception {
        final Path old = fakeJdk("jdk-21", "21.0.2");
        final Run run = weft(old.toString(), "test");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).contains("JAVA_HOME=" + old + " holds no JDK >= 25");
    }
}
