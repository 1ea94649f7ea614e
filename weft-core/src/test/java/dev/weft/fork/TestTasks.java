package dev.weft.fork;

import java.util.function.Consumer;

/** Small task kinds the tests build on. */
final class TestTasks {

    private TestTasks() {}

    /** A task that runs a consumer of its context. */
    static Task of(final String name, final Consumer<TaskContext> body) {
        final Task task = new Task() {
            @Override
            protected Task execute(final TaskContext context) {
                body.accept(context);
                return null;
            }
        };
        task.setName(name);
        return task;
    }

    /** How many tasks the scheduler's workers have executed, summed over the workers. */
    static long executed(final MicroScheduler scheduler) {
        return scheduler.workerStats().stream().mapToLong(WorkerStats::executed).sum();
    }

    /** A task that throws the given exception. */
    static Task failing(final String name, final RuntimeException failure) {
        return of(name, c -> {
            throw failure;
        });
    }
}
