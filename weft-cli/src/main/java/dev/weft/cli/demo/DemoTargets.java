package dev.weft.cli.demo;

/**
 * The demo's targets, evaluated on one run's figures (reported, never asserted: a shared 2-core machine is noisy).
 *
 * @param pacingP99Ratio weft's pacing p99 over the plain way's (target: at most 0.5), or -1 if the plain way's is 0
 * @param pacingMet whether weft's pacing p99 is at most half the plain way's
 * @param weftNoLoss whether weft lost no media packet
 * @param cpuPerSessionRatio weft's CPU per session over the plain way's (target: at most 1), or -1 if unmeasured
 * @param cpuMet whether weft's CPU per session is at most the plain way's
 * @param processesExactlyOnce whether every process task had exactly one outcome
 * @param utsAllCorrect whether every UTS tree had the published counts (and at least one was counted)
 */
public record DemoTargets(
        double pacingP99Ratio,
        boolean pacingMet,
        boolean weftNoLoss,
        double cpuPerSessionRatio,
        boolean cpuMet,
        boolean processesExactlyOnce,
        boolean utsAllCorrect) {

    /**
     * Evaluates the targets.
     *
     * @param weft the weft way's media figures
     * @param plain the plain way's media figures
     * @param batch the UTS figures
     * @param processes the process-task figures
     * @return the evaluation
     */
    static DemoTargets of(
            final MediaFigures weft,
            final MediaFigures plain,
            final BatchFigures batch,
            final ProcessFigures processes) {
        final double pacing = plain.pacingP99Micros() > 0 ? weft.pacingP99Micros() / plain.pacingP99Micros() : -1;
        final double cpu = weft.cpuMillisPerSession() >= 0 && plain.cpuMillisPerSession() > 0
                ? weft.cpuMillisPerSession() / plain.cpuMillisPerSession()
                : -1;
        return new DemoTargets(
                pacing,
                pacing >= 0 && pacing <= 0.5,
                weft.lost() == 0,
                cpu,
                cpu >= 0 && cpu <= 1.0,
                processes.exactlyOnce(),
                batch.trees() > 0 && batch.wrong() == 0);
    }
}
