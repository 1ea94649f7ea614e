package dev.weft.bench.process;

import dev.weft.process.Outcome;
import dev.weft.process.ProcessScheduler;
import dev.weft.process.ProcessTask;
import dev.weft.workloads.process.EchoTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * What the process benchmarks share: the trivial task, a scheduler whose outcomes land in a slot the benchmark
 * polls, the three ways of running one task (warm worker, fresh {@code java}, fork/exec of {@code /bin/true}), each
 * checked for its answer.
 */
final class ProcessBenchSupport {

    /** The input of the trivial task. */
    static final String INPUT = "{\"n\":42}";

    /** The JVM options workers get by default, also given to the fresh-{@code java} anchor for fairness. */
    static final List<String> JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto");

    private ProcessBenchSupport() {}

    /** A scheduler driven by spinning on {@code run()} (a reactor in poll mode) with a one-slot outcome sink. */
    static final class Loop {
        final ProcessScheduler scheduler;
        private final Outcome[] last = new Outcome[1];
        private long done;

        Loop(final int workers) {
            scheduler = ProcessScheduler.builder()
                    .workers(workers)
                    .queueCapacity(1 << 16)
                    .handler("echo", outcome -> {
                        last[0] = outcome;
                        done++;
                    })
                    .build();
            scheduler.start();
            while (scheduler.stats().workersReady() < workers) {
                scheduler.run();
                Thread.onSpinWait();
            }
        }

        /** Runs one trivial task to its outcome and checks the answer. */
        Outcome roundTrip() {
            final long target = done + 1;
            scheduler.submit(task());
            while (done < target) {
                scheduler.run();
            }
            return check(last[0]);
        }

        /**
         * Runs {@code n} trivial tasks through the workers and checks the last answer.
         *
         * @param n the number of tasks
         * @param sleep whether the run thread sleeps in {@code awaitWork()} between passes (else it spins)
         */
        void batch(final int n, final boolean sleep) throws InterruptedException {
            final long target = done + n;
            for (int i = 0; i < n; i++) {
                scheduler.submit(task());
            }
            if (sleep) {
                until(count -> count >= target);
            } else {
                while (done < target) {
                    scheduler.run();
                }
            }
            check(last[0]);
        }

        /** Runs the loop until a condition on the outcome count holds, sleeping between deadlines. */
        void until(final LongPredicate condition) throws InterruptedException {
            scheduler.run();
            while (!condition.test(done)) {
                scheduler.awaitWork(java.time.Duration.ofMillis(50));
                scheduler.run();
            }
        }

        Outcome last() {
            return last[0];
        }

        long done() {
            return done;
        }

        void stop() {
            scheduler.stop();
        }
    }

    static ProcessTask task() {
        return ProcessTask.function("echo", EchoTask.class).input(INPUT).build();
    }

    static Outcome check(final Outcome outcome) {
        if (!(outcome instanceof Outcome.Ok ok) || ok.data().path("n").asInt() != 42) {
            throw new IllegalStateException("wrong answer from the trivial task: " + outcome);
        }
        return outcome;
    }

    /** Runs the trivial task in a fresh JVM and checks its answer. */
    static void freshJava() throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FreshJavaTask.class.getName());
        final Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(INPUT.getBytes(StandardCharsets.UTF_8));
        }
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !out.contains("\"n\":42")) {
            throw new IllegalStateException("fresh java task gave a wrong answer: " + out);
        }
    }

    /** Forks and execs {@code /bin/true} and checks its status. */
    static void binTrue() throws IOException, InterruptedException {
        final Process process = new ProcessBuilder("/bin/true").start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("/bin/true exited with " + process.exitValue());
        }
    }
}
