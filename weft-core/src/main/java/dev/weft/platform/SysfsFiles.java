package dev.weft.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the one-line text files of sysfs, procfs and cgroupfs. */
final class SysfsFiles {

    private SysfsFiles() {}

    static String read(final Path file) {
        try {
            return Files.readString(file).strip();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Optional<String> readIfPresent(final Path file) {
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    static Optional<CpuSet> cpuListIfPresent(final Path file) {
        return readIfPresent(file).map(text -> {
            try {
                return CpuSet.parseList(text);
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        });
    }

    static OptionalLong numberIfPresent(final Path file) {
        final Optional<String> text = readIfPresent(file);
        if (text.isEmpty() || text.get().isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.get()));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(file + " holds '" + text.get() + "', which is not a number", e);
        }
    }
}
