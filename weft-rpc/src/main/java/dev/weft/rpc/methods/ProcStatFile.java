package dev.weft.rpc.methods;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@code /proc/stat}-formatted file kept open and read again from its start for each reading, as {@code top} and
 * {@code procps} do: for a {@code /proc} file, reading from offset 0 has the kernel generate its text afresh. A file
 * that cannot be opened or read (not Linux, or a fixture that is gone) gives empty counters, and is opened again at
 * the next reading. Thread-safe: readings are serialised on this object.
 */
final class ProcStatFile implements Supplier<ProcStat> {

    /*
     * Implementation overview.
     *
     * Why kept open. framework_get_reactors reads the file a few times a second (ProcStatCache), too rarely for the
     * JIT to compile the code that does it, so that code runs in the interpreter. Opening the file through
     * java.nio.file.Files goes through a dozen layers of Java (the file system provider, option sets, the channel, its
     * cleaner); interpreted, they cost several times the kernel's own work on the file. Here a reading is one seek and
     * a few reads into a reused array, each a single native call.
     *
     * Readings are serialised on this object: the cache lets one refresh run at a time, but a caller that finds the
     * last reading too old reads at once, so two readings may be asked for together.
     */

    private static final ProcStat EMPTY = new ProcStat(Map.of(), Map.of(), Map.of());

    private final Path path;
    private RandomAccessFile file;
    private byte[] buffer = new byte[8192];

    /**
     * Creates a reader; the file is opened at the first reading.
     *
     * @param path the file
     */
    ProcStatFile(final Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Reads the file from its start.
     *
     * @return its counters, or empty counters when it cannot be read
     */
    @Override
    public synchronized ProcStat get() {
        try {
            if (file == null) {
                file = new RandomAccessFile(path.toFile(), "r");
            }
            file.seek(0);
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                final int n = file.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            return ProcStat.parse(new String(buffer, 0, length, StandardCharsets.US_ASCII));
        } catch (final IOException e) {
            closeQuietly();
            return EMPTY;
        }
    }

    private void closeQuietly() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (final IOException ignored) {
            // The file is being given up after a failure; the next reading opens it again.
        }
        file = null;
    }
}
