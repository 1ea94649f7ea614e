package dev.weft.bench.report;

/**
 * Headings of the {@code docs/DECISIONS.md} entries that measure where a row's time goes, which the report cites
 * beside a missed target ({@link Row#explainedBy}). {@code RowsTest} checks that each names an entry that exists.
 */
final class Decisions {

    /** The lambda form's capture and boxing, and the three times as many tasks of continuations. */
    static final String LAMBDA_AND_CONTINUATIONS =
            "2026-12-07: Smaller tasks, and where the lambda form's and the continuations' time goes";

    /** The primitive fork on two workers: the JIT's compile order on the join path. */
    static final String JOIN_PATH_INLINING =
            "2026-12-07: A fork is its own handle; the JIT's inlining order on the join path";

    /** Unused priorities measured against one priority, in a harness steadier than the report. */
    static final String UNUSED_PRIORITIES =
            "2026-12-07: Unused priorities, and a pop that skips its fence on an empty deque (measured, not kept)";

    /** UTS: SHA-1 per node dominates, and a perfect halving bounds both sides on two cores. */
    static final String UTS_BOUND = "2026-12-07: Sequential baselines for N-Queens and UTS";

    /** N-Queens through the fork/join layer, and the style each workload runs in. */
    static final String NQUEENS_STYLE = "2026-12-07: N-Queens through the fork/join layer; UTS stays GTS style";

    /** An idle pass's clock reading, spin and bookkeeping against Agrona's loop. */
    static final String DISPATCH_PASS =
            "2026-12-07: tasklet dispatch against Agrona's CompositeAgent: where an idle pass's time goes";

    /** A sleeping reactor's CPU is the kernel's wake-up. */
    static final String SLEEPING_REACTOR_WAKE_UPS =
            "2026-12-07: The idle cost of sleeping reactors is the kernel's wake-up";

    /** The media transmitter's spin before each deadline, which sets the demo's pacing. */
    static final String TRANSMITTER_SPIN = "2026-12-07: the transmitter watches its own spin";

    /** Carried virtual threads' CPU per request with 16 clients. */
    static final String CARRIED_VTHREAD_CPU =
            "2026-12-07: carried virtual threads' CPU per request: where the 16-client gap is, and the levers tried";

    private Decisions() {}

    /**
     * The anchor GitHub gives a Markdown heading: lower case, every character but letters, digits, spaces, hyphens
     * and underscores dropped, spaces turned to hyphens.
     *
     * @param heading the heading's text
     * @return the anchor, without {@code #}
     */
    static String anchor(final String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
