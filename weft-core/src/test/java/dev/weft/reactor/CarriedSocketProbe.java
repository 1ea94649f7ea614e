package dev.weft.reactor;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Run in a fresh JVM: the first blocking socket read of the JVM happens on a carried virtual thread; prints how many
 * virtual threads the strand still carries once that thread has ended (the JDK's I/O pollers must not be among them).
 */
public final class CarriedSocketProbe {

    private CarriedSocketProbe() {}

    /**
     * Reads one byte on a carried thread, then prints the strand's live virtual threads.
     *
     * @param args none
     * @throws Exception if the socket fails
     */
    public static void main(final String[] args) throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                        .name("probe")
                        .reactors(1)
                        .mode(ReactorMode.INTERRUPT)
                        .build()
                        .start();
                ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            final Strand strand = Strand.of("first-reader");
            group.add(strand).join();
            final int[] read = new int[1];
            final Thread reader = strand.virtualThreads().start(() -> {
                try (InputStream in = accepted.getInputStream()) {
                    read[0] = in.read();
                } catch (final java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            client.getOutputStream().write(7);
            reader.join();
            while (strand.stats().virtualThreads() != 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            System.out.println("read=" + read[0] + " live=" + strand.stats().virtualThreads());
            strand.close().join();
        }
    }
}
