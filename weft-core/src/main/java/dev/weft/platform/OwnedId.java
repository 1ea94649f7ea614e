package dev.weft.platform;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * GTS's owned id: a 32-bit uid that names a thing together with its owner, {@code (ownerId << 16) | localId}.
 *
 * <p>A worker of pool 3 at index 2 is {@code OwnedId.of(3, 2)}; a local scheduler is (scheduler id, worker index).
 * Both halves are unsigned 16-bit numbers. {@link #UNKNOWN} is every bit set, as GTS's {@code UNKNOWN_UID}
 * ({@code UINT32_MAX}), and stands for "no particular worker" where an affinity is asked for.
 *
 * <p><b>Owner counters.</b> Owner ids (pools, schedulers) come from an {@link OwnerCounter}, an increasing counter
 * that hands out {@code 0, 1, ..., 65535} and then wraps to {@code 0}, as GTS's global counters do. After a wrap two
 * live owners can share an id; GTS accepts that and so does weft, since an id names an owner only while it lives
 * and no program keeps 65,536 pools alive at once. {@code 0xFFFF} is a valid owner id; only the whole 32-bit value
 * {@code 0xFFFFFFFF} means unknown.
 *
 * @param uid the packed 32-bit value
 */
public record OwnedId(int uid) {

    /** The id of nothing in particular: every bit set (GTS's {@code UNKNOWN_UID}, also its {@code ANY_WORKER}). */
    public static final OwnedId UNKNOWN = new OwnedId(-1);

    /** The largest value of either half. */
    public static final int MAX_PART = 0xFFFF;

    /**
     * Packs an owner id and a local id.
     *
     * @param ownerId the owner, in {@code [0, 65535]}
     * @param localId the local id within the owner, in {@code [0, 65535]}
     * @return the owned id
     * @throws IllegalArgumentException if either half is out of range
     */
    public static OwnedId of(final int ownerId, final int localId) {
        checkPart("owner id", ownerId);
        checkPart("local id", localId);
        return new OwnedId((ownerId << 16) | localId);
    }

    /**
     * Returns the owner half.
     *
     * @return the owner id, in {@code [0, 65535]}
     */
    public int ownerId() {
        return uid >>> 16;
    }

    /**
     * Returns the local half.
     *
     * @return the local id, in {@code [0, 65535]}
     */
    public int localId() {
        return uid & MAX_PART;
    }

    /**
     * Whether this is {@link #UNKNOWN}.
     *
     * @return true for the unknown id
     */
    public boolean isUnknown() {
        return uid == -1;
    }

    /**
     * Returns {@code "owner:local"}, or {@code "unknown"}.
     *
     * @return a readable form
     */
    @Override
    public String toString() {
        return isUnknown() ? "unknown" : ownerId() + ":" + localId();
    }

    private static void checkPart(final String what, final int value) {
        if (value < 0 || value > MAX_PART) {
            throw new IllegalArgumentException(what + " " + value + " is outside [0, " + MAX_PART + "]");
        }
    }

    /**
     * A thread-safe source of owner ids: {@code 0, 1, ..., 65535}, then {@code 0} again.
     *
     * <p>One counter exists per kind of owner (pools, schedulers), as in GTS.
     */
    public static final class OwnerCounter {
        private final AtomicInteger next;

        /** Creates a counter whose first id is 0. */
        public OwnerCounter() {
            this(0);
        }

        /**
         * Creates a counter whose first id is {@code first}; tests use it to reach the wrap quickly.
         *
         * @param first the first id handed out, in {@code [0, 65535]}
         */
        public OwnerCounter(final int first) {
            checkPart("first owner id", first);
            this.next = new AtomicInteger(first);
        }

        /**
         * Returns the next owner id, wrapping from 65535 to 0.
         *
         * @return an owner id in {@code [0, 65535]}
         */
        public int nextOwnerId() {
            return next.getAndIncrement() & MAX_PART;
        }
    }
}
