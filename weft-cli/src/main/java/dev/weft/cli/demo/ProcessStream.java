package dev.weft.cli.demo;

import dev.weft.process.Outcome;
import dev.weft.process.ProcessScheduler;
import dev.weft.process.ProcessSchedulerBuilder;
import dev.weft.process.ProcessSchedulerTasklet;
import dev.weft.process.ProcessTask;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import dev.weft.workloads.process.EchoTask;
import dev.weft.workloads.process.HangTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Process tasks (Pantavisor's plan): a steady stream of JSON tasks through a {@link ProcessSchedulerTasklet} to worker
 * processes, every {@link #HANG_EVERY}th of which hangs and is killed with SIGKILL at its timeout.
 *
 * <p>The scheduler and a timed submitting tasklet share one strand, so submissions, result handlers and the
 * bookkeeping of ids all run on that strand's reactor thread, one at a time, without locks. Each outcome is
 * counted by kind and by id: at the end every submitted id must have exactly one outcome, which the figures say
 * (missing, duplicated and unknown ids are counted, not assumed away). A normal task echoes its input, and the
 * answer is checked.
 *
 * <p>{@link #finish} stops submitting, waits (bounded) until every submitted task has its outcome, closes the strand
 * (which takes the tasklets and the scheduler's event signal off the reactor) and then stops the scheduler from the
 * calling thread, which may block; tasks still outstanding end as cancelled, delivered on that thread after the
 * reactor has let go of the scheduler.
 */
final class ProcessStream {

    /** One task in this many hangs. */
    static final int HANG_EVERY = 10;

    private static final String ECHO = "echo";
    private static final String HANG = "hang";

    private final ProcessSchedulerTasklet tasklet;
    private final Strand strand;
    private final Tasklet submitter;
    private final Duration hangTimeout;
    private final Set<Long> submitted = new HashSet<>();
    private final Map<Long, Integer> outcomes = new HashMap<>();
    private final Map<String, Long> kinds = new HashMap<>();
    private volatile boolean submitting = true;
    private volatile long submittedCount;
    private volatile long outcomeCount;
    private long wrongAnswers;
    private long sequence;

    private ProcessStream(
            final ReactorGroup group, final int workers, final Duration every, final Duration hangTimeout) {
        this.hangTimeout = hangTimeout;
        final ProcessSchedulerBuilder builder = ProcessScheduler.builder()
                .workers(workers)
                .queueCapacity(1_024)
                .defaultTimeout(Duration.ofSeconds(30))
                .handler(ECHO, this::onOutcome)
                .handler(HANG, this::onOutcome);
        this.tasklet = ProcessSchedulerTasklet.of("demo-processes", builder);
        this.strand = Strand.of("process-tasks");
        this.submitter = Tasklet.timed("demo-process-submit", every, this::submit);
        group.add(strand).join();
        tasklet.attachTo(strand).join();
        strand.add(submitter).join();
    }

    /**
     * Returns the process scheduler, for the control socket's {@code weft_*} methods.
     *
     * @return the scheduler
     */
    ProcessScheduler scheduler() {
        return tasklet.scheduler();
    }

    /**
     * Starts the stream on a reactor group.
     *
     * @param group the reactors
     * @param workers worker processes
     * @param every the time between two submissions
     * @param hangTimeout the timeout of a hanging task
     * @return the running stream
     */
    static ProcessStream start(
            final ReactorGroup group, final int workers, final Duration every, final Duration hangTimeout) {
        return new ProcessStream(group, workers, every, hangTimeout);
    }

    private int submit() {
        if (!submitting) {
            return 0;
        }
        final long n = sequence++;
        final ProcessTask task = n % HANG_EVERY == HANG_EVERY - 1
                ? ProcessTask.function(HANG, HangTask.class)
                        .timeout(hangTimeout)
                        .build()
                : ProcessTask.function(ECHO, EchoTask.class)
                        .input("{\"n\":" + n + "}")
                        .build();
        submitted.add(tasklet.scheduler().submit(task).id());
        submittedCount = submitted.size();
        return 1;
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer: the scheduler's run() thread
    private void onOutcome(final Outcome outcome) {
        outcomes.merge(outcome.id(), 1, Integer::sum);
        final String kind = switch (outcome) {
            case Outcome.Ok ok -> {
                if (!ok.data().has("n")) {
                    wrongAnswers++;
                }
                yield "ok";
            }
            case Outcome.Failed failed -> "failed";
            case Outcome.TimedOut timedOut -> "timedOut";
            case Outcome.WorkerCrashed crashed -> "workerCrashed";
            case Outcome.Cancelled cancelled -> "cancelled";
            case Outcome.Rejected rejected -> "rejected";
            case Outcome.WorkerUnavailable unavailable -> "workerUnavailable";
        };
        kinds.merge(outcome.type() + "." + kind, 1L, Long::sum);
        outcomeCount++;
    }

    /**
     * Tasks submitted so far, for the progress line.
     *
     * @return tasks submitted
     */
    long submittedSoFar() {
        return submittedCount;
    }

    /**
     * Outcomes so far, for the progress line.
     *
     * @return outcomes
     */
    long outcomesSoFar() {
        return outcomeCount;
    }

    /**
     * Stops submitting, waits up to {@code drain} for the outstanding tasks, stops the scheduler and returns the
     * figures.
     *
     * @param drain the longest wait for outstanding outcomes
     * @return the figures
     * @throws InterruptedException if interrupted while waiting
     */
    ProcessFigures finish(final Duration drain) throws InterruptedException {
        submitting = false;
        final long deadline = System.nanoTime() + drain.toNanos();
        while (outcomeCount < submittedCount && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        strand.close().join();
        tasklet.scheduler().stop();
        long missing = 0;
        long duplicated = 0;
        for (final Long id : submitted) {
            final Integer count = outcomes.get(id);
            if (count == null) {
                missing++;
            } else if (count > 1) {
                duplicated++;
            }
        }
        long unknown = 0;
        for (final Long id : outcomes.keySet()) {
            if (!submitted.contains(id)) {
                unknown++;
            }
        }
        long reported = 0;
        for (final int count : outcomes.values()) {
            reported += count;
        }
        return new ProcessFigures(
                submitted.size(), reported, Map.copyOf(kinds), missing, duplicated, unknown, wrongAnswers);
    }
}
