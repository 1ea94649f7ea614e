package dev.weft.reactor;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one place where weft reaches into the JDK's virtual-thread internals: it builds virtual threads whose
 * scheduler is a {@link VirtualThreadScheduler}. JDK 25 has no public custom-scheduler API; its virtual-thread builder
 * takes a scheduler {@link Executor} only through a non-public constructor, which the application must open to weft
 * with {@code --add-opens java.base/java.lang=ALL-UNNAMED} (or {@code =dev.weft.core} when weft runs as a module).
 * Whether that works is detected once, when this class is first used; without it {@link #builder} throws
 * {@link UnsupportedOperationException} naming the option. Thread-safe.
 *
 * <p><b>Implementation overview.</b> The JDK gives a custom scheduler one {@code Runnable} per virtual thread (the
 * thread's {@code runContinuation}, created once with the thread) every time the thread is ready to run. This class
 * turns that into the Loom prototype's calls: the first time a {@code Runnable} arrives it is a start
 * ({@link VirtualThreadScheduler#onStart}), later arrivals are continuations; a map from each live thread's
 * {@code Runnable} to its {@link VirtualThreadTask} tells them apart, and an entry leaves the map after the run in
 * which its thread terminates. The thread is read from the {@code Runnable}, a method reference that captures it, by
 * the one field of that class whose type is a {@link Thread}. Detection checks every step on an unstarted thread
 * (the constructor is accessible, the {@code Runnable} can be read from the thread, and the captured thread is that
 * thread), so a JDK whose internals differ is reported as unsupported rather than failing later. Detection also starts
 * the JDK's I/O pollers (see {@link #startIoPollers()}).
 */
final class JdkVirtualThreads {

    private static final String BUILDER_CLASS = "java.lang.ThreadBuilders$VirtualThreadBuilder";
    private static final String FLAG = "--add-opens java.base/java.lang=" + openTarget();
    private static final Constructor<?> BUILDER;
    private static final Field CAPTURED;
    private static final String UNSUPPORTED;

    static {
        Constructor<?> builder = null;
        Field captured = null;
        String unsupported = null;
        try {
            builder = Class.forName(BUILDER_CLASS).getDeclaredConstructor(Executor.class);
            if (!builder.trySetAccessible()) {
                unsupported = "virtual threads carried by strands need the JVM option " + FLAG;
            } else {
                final Thread probe = ((Thread.Builder.OfVirtual) builder.newInstance((Executor) r -> {
                            throw new RejectedExecutionException("probe");
                        }))
                        .unstarted(() -> {});
                final Field continuation = probe.getClass().getDeclaredField("runContinuation");
                continuation.setAccessible(true);
                final Object runnable = continuation.get(probe);
                captured = threadField(runnable.getClass());
                if (captured == null || captured.get(runnable) != probe) {
                    unsupported = "this JDK's virtual threads (" + Runtime.version() + ") do not expose the thread"
                            + " to their scheduler as weft expects; strands cannot carry virtual threads";
                } else {
                    startIoPollers();
                }
            }
        } catch (final ReflectiveOperationException | RuntimeException e) {
            final Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            unsupported = "this JDK (" + Runtime.version() + ") offers no custom virtual-thread scheduler that weft"
                    + " can use (" + cause + "); strands cannot carry virtual threads";
        }
        BUILDER = unsupported == null ? builder : null;
        CAPTURED = unsupported == null ? captured : null;
        UNSUPPORTED = unsupported;
    }

    private JdkVirtualThreads() {}

    /**
     * Whether virtual threads with a custom scheduler can be built in this JVM.
     *
     * @return true if {@link #builder} works
     */
    static boolean supported() {
        return UNSUPPORTED == null;
    }

    /**
     * Throws if {@link #supported()} is false.
     *
     * @throws UnsupportedOperationException naming why, and the JVM option to add where that is the reason
     */
    static void requireSupported() {
        if (UNSUPPORTED != null) {
            throw new UnsupportedOperationException(UNSUPPORTED);
        }
    }

    /**
     * Returns the JVM option that opens the JDK's builder to weft, as this weft is loaded (as a module or not).
     *
     * @return the option
     */
    static String flag() {
        return FLAG;
    }

    /**
     * Returns the bookkeeping that the JDK's builders are given as their scheduler, for one scheduler; every builder
     * made from it feeds that scheduler.
     *
     * @param scheduler runs the threads
     * @return the dispatcher
     */
    static Dispatcher dispatcher(final VirtualThreadScheduler scheduler) {
        return new Dispatcher(scheduler);
    }

    /**
     * Returns a new builder of virtual threads that the dispatcher's scheduler runs.
     *
     * @param dispatcher from {@link #dispatcher}
     * @return a builder, not shared with anyone else
     * @throws UnsupportedOperationException if {@link #supported()} is false; the message says why
     */
    static Thread.Builder.OfVirtual builder(final Dispatcher dispatcher) {
        requireSupported();
        try {
            return (Thread.Builder.OfVirtual) BUILDER.newInstance(Objects.requireNonNull(dispatcher, "dispatcher"));
        } catch (final ReflectiveOperationException e) {
            throw new UnsupportedOperationException("the JDK's virtual-thread builder failed", e);
        }
    }

    /**
     * Starts the JDK's I/O pollers now, on this thread. They start when a virtual thread first blocks on a socket,
     * as virtual threads made with {@link Thread#ofVirtual()} by whichever thread that is; a virtual thread inherits
     * the scheduler of the virtual thread that creates it, so pollers started by a carried thread would be carried by
     * its strand forever. Starting them first keeps them on the default scheduler (or on platform threads).
     */
    private static void startIoPollers() {
        if (!Thread.currentThread().isVirtual()) {
            new PollerStarter().run();
            return;
        }
        final Thread starter = Thread.ofPlatform().name("weft-poller-starter").start(new PollerStarter());
        try {
            starter.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Field threadField(final Class<?> type) {
        for (final Field field : type.getDeclaredFields()) {
            if (Thread.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                return field;
            }
        }
        return null;
    }

    private static String openTarget() {
        final Module module = JdkVirtualThreads.class.getModule();
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }

    /** Initialises the JDK's poller class, which starts its pollers; a class of its own, so that it runs while
     * {@link JdkVirtualThreads} is still being initialised by another thread. */
    private static final class PollerStarter implements Runnable {
        @Override
        public void run() {
            try {
                Class.forName("sun.nio.ch.Poller", true, null);
            } catch (final ClassNotFoundException | LinkageError e) {
                System.getLogger(PollerStarter.class.getName())
                        .log(System.Logger.Level.DEBUG, "no JDK I/O poller class to start early", e);
            }
        }
    }

    /** The scheduler executor given to the JDK: turns its runnables into starts and continuations. */
    static final class Dispatcher implements Executor {
        private final VirtualThreadScheduler scheduler;
        private final Map<Runnable, VirtualThreadTask> live = new ConcurrentHashMap<>();

        Dispatcher(final VirtualThreadScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        @Override
        public void execute(final Runnable continuation) {
            final VirtualThreadTask known = live.get(continuation);
            if (known != null) {
                scheduler.onContinue(known);
                return;
            }
            final Thread thread = threadOf(continuation);
            final VirtualThreadTask task = new VirtualThreadTask(thread, () -> {
                continuation.run();
                if (!thread.isAlive()) {
                    live.remove(continuation);
                }
            });
            live.put(continuation, task);
            try {
                scheduler.onStart(task);
            } catch (final RuntimeException e) {
                live.remove(continuation);
                throw e;
            }
        }

        private static Thread threadOf(final Runnable continuation) {
            try {
                return (Thread) CAPTURED.get(continuation);
            } catch (final IllegalAccessException e) {
                throw new IllegalStateException("cannot read the virtual thread of " + continuation, e);
            }
        }
    }
}
