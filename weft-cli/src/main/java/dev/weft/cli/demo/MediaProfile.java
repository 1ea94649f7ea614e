package dev.weft.cli.demo;

import java.time.Duration;

/**
 * The load of one media session, and what stands for a "1080p-equivalent" in this demo: packets evenly paced, each
 * with a sequence number and a scheduled time, at a rate scaled down from a real ST 2110-20 stream. Immutable; the
 * constructor throws {@link IllegalArgumentException} naming a value out of range.
 *
 * @param packetsPerSecond the steady packet rate of one session, 1 to 100,000
 * @param payloadBytes the UDP payload of one packet, from {@link Packet#HEADER_BYTES} to 8,192
 * @param weight the session's placement weight in 1080p-equivalents, positive
 */
public record MediaProfile(int packetsPerSecond, int payloadBytes, double weight) {

    /*
     * Implementation overview.
     *
     * The demo keeps a stream's shape and scales its rate: a session weighs 1.0 in MTL's quota units, where a reactor
     * holds 12, and STANDARD sends 250 packets of 1,200 bytes a second (2.4 Mb/s, one packet every 4 ms), 1/864 of a
     * real 1080p59.94 stream's packet rate. The rate is bounded by MTL's pacing rule, which weft's transmitter
     * follows: a transmitter keeps its reactor awake for a lead of up to 200 µs before each deadline, so a reactor
     * spins about rate × lead a second (5% of a core at 250 packets a second and the full lead, 20% at 1,000). The
     * sessions of one reactor share their deadlines, so that cost is paid once per reactor, not once per session.
     */

    /**
     * The receive buffer both ways ask for on each receiving socket, 1 MiB: about 1.5 s of one stream as the kernel
     * counts it, so that a receiver the shared machine holds off the CPU for a while loses nothing (the default
     * 208 KiB lasts about 0.3 s). The kernel caps it at {@code net.core.rmem_max}.
     */
    public static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    /** The demo's 1080p-equivalent: 250 packets a second of 1,200 bytes, weight 1. */
    public static final MediaProfile STANDARD = new MediaProfile(250, 1_200, 1.0);

    /**
     * Checks the profile.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public MediaProfile {
        if (packetsPerSecond < 1 || packetsPerSecond > 100_000) {
            throw new IllegalArgumentException("packets per second " + packetsPerSecond + " is not in 1..100000");
        }
        if (payloadBytes < Packet.HEADER_BYTES || payloadBytes > 8_192) {
            throw new IllegalArgumentException(
                    "payload " + payloadBytes + " bytes is not in " + Packet.HEADER_BYTES + "..8192");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("session weight " + weight + " is not a positive finite number");
        }
    }

    /**
     * Returns the time between two packets of a session.
     *
     * @return the packet interval
     */
    public Duration interval() {
        return Duration.ofNanos(1_000_000_000L / packetsPerSecond);
    }

    /**
     * Returns how many packets a session sends in a given time.
     *
     * @param seconds the sending time in seconds, positive
     * @return the packet count
     */
    public long packetsIn(final int seconds) {
        return (long) packetsPerSecond * seconds;
    }
}
