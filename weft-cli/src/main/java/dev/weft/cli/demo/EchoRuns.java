package dev.weft.cli.demo;

import dev.weft.reactor.ReactorGroup;
import java.io.IOException;

/**
 * The demo's echo servers, each under the same {@link EchoLoad}: weft's event-driven task, the blocking loop on a
 * platform thread and on a virtual thread of the JDK's default scheduler, and the same blocking loop on a virtual
 * thread carried by a weft strand (when this JVM lets strands carry virtual threads; otherwise that way does not run
 * and its figures are null). Used by the demo's run thread only; {@link #finish} stops every server and load.
 */
final class EchoRuns {

    private final EchoServers.Weft weft;
    private final EchoServers.Plain plain;
    private final EchoServers.Plain virtual;
    private final EchoServers.Carried carried;
    private final EchoLoad weftLoad;
    private final EchoLoad plainLoad;
    private final EchoLoad virtualLoad;
    private final EchoLoad carriedLoad;
    private final long weftCpu0;
    private final long plainCpu0;
    private final long carriedCpu0;

    private EchoRuns(
            final ReactorGroup echo,
            final ReactorGroup carriedEcho,
            final int perSecond,
            final int seconds,
            final int bytes)
            throws IOException {
        weft = new EchoServers.Weft(echo);
        plain = new EchoServers.Plain(false);
        virtual = new EchoServers.Plain(true);
        carried = carriedEcho == null ? null : new EchoServers.Carried(carriedEcho);
        weftCpu0 = weft.cpuNanos();
        plainCpu0 = plain.cpuNanos();
        carriedCpu0 = carried == null ? -1 : carried.cpuNanos();
        weftLoad = EchoLoad.start("weft-echo", weft.address(), perSecond, seconds, bytes);
        plainLoad = EchoLoad.start("plain-echo", plain.address(), perSecond, seconds, bytes);
        virtualLoad = EchoLoad.start("virtual-echo", virtual.address(), perSecond, seconds, bytes);
        carriedLoad =
                carried == null ? null : EchoLoad.start("carried-echo", carried.address(), perSecond, seconds, bytes);
    }

    /**
     * Starts every server and its load.
     *
     * @param echo the reactor group of weft's event-driven echo
     * @param carriedEcho the reactor group of the strand-carried virtual-thread echo, or null to leave that way out
     * @param perSecond requests per second of each load
     * @param seconds how long each load sends
     * @param bytes the size of a request
     * @return the running servers and loads
     * @throws IOException if a socket cannot be opened
     */
    static EchoRuns start(
            final ReactorGroup echo,
            final ReactorGroup carriedEcho,
            final int perSecond,
            final int seconds,
            final int bytes)
            throws IOException {
        return new EchoRuns(echo, carriedEcho, perSecond, seconds, bytes);
    }

    /**
     * Whether every load has sent all its requests.
     *
     * @return true once all are sent
     */
    boolean doneSending() {
        return weftLoad.doneSending()
                && plainLoad.doneSending()
                && virtualLoad.doneSending()
                && (carriedLoad == null || carriedLoad.doneSending());
    }

    /**
     * Returns the replies so far, for the progress line.
     *
     * @return {@code weft N plain N virtual N carried N} ({@code carried -} when that way does not run)
     */
    String repliesSoFar() {
        return "weft " + weftLoad.repliesSoFar() + " plain " + plainLoad.repliesSoFar() + " virtual "
                + virtualLoad.repliesSoFar() + " carried " + (carriedLoad == null ? "-" : carriedLoad.repliesSoFar());
    }

    /**
     * Stops the loads, reads the figures, and stops the servers.
     *
     * @return the figures of each way
     * @throws IOException if a socket fails to close
     * @throws InterruptedException if interrupted while stopping
     */
    Figures finish() throws IOException, InterruptedException {
        final EchoFigures weftFigures = weftLoad.finish("weft", since(weftCpu0, weft.cpuNanos()));
        final EchoFigures plainFigures = plainLoad.finish("plain-jdk", since(plainCpu0, plain.cpuNanos()));
        final EchoFigures virtualFigures = virtualLoad.finish("plain-jdk-virtual", virtual.cpuNanos());
        final EchoFigures carriedFigures =
                carried == null ? null : carriedLoad.finish("weft-virtual", since(carriedCpu0, carried.cpuNanos()));
        weft.stop();
        plain.stop();
        virtual.stop();
        if (carried != null) {
            carried.stop();
        }
        return new Figures(weftFigures, plainFigures, virtualFigures, carriedFigures);
    }

    private static long since(final long start, final long end) {
        return start < 0 || end < 0 ? -1 : end - start;
    }

    /**
     * The figures of each way.
     *
     * @param weft weft's event-driven task
     * @param plain the blocking loop on a platform thread
     * @param virtual the blocking loop on a virtual thread of the JDK's default scheduler
     * @param carried the blocking loop on a virtual thread carried by a strand, or null where it did not run
     */
    record Figures(EchoFigures weft, EchoFigures plain, EchoFigures virtual, EchoFigures carried) {}
}
