package dev.weft.workloads;

import java.lang.reflect.Field;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A {@link ForkJoinPool.ForkJoinWorkerThreadFactory} whose workers get a chosen thread stack size, so that a
 * ForkJoinPool anchor recursing through a deep tree (UTS's T3L is 17,844 levels deep) runs with the same stack as
 * weft's workers instead of dying with a {@link StackOverflowError} at the JVM's default size.
 *
 * <p>{@link ForkJoinWorkerThread}'s constructors take no stack size, so the factory sets the size the thread will be
 * started with through reflection on {@link Thread}'s fields: that needs {@code java.lang} opened to this code
 * ({@code --add-opens java.base/java.lang=ALL-UNNAMED}, which the {@code weft} launcher passes). Where it is not
 * open, {@link #isSupported()} is false and {@link #of(long)} refuses sizes other than the default (0).
 * Thread-safe.
 */
public final class SizedStackThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {

    /*
     * Implementation overview
     *
     * A Thread keeps its requested stack size in a holder object (Thread.FieldHolder.stackSize), which the JVM reads
     * when the thread starts. The pool starts the thread right after newThread returns, so writing that field in
     * newThread is early enough. The fields are looked up once; any failure leaves the factory unsupported.
     */

    private static final Field HOLDER;
    private static final Field STACK_SIZE;

    static {
        Field holder = null;
        Field stackSize = null;
        try {
            holder = Thread.class.getDeclaredField("holder");
            holder.setAccessible(true);
            stackSize = holder.getType().getDeclaredField("stackSize");
            stackSize.setAccessible(true);
        } catch (final ReflectiveOperationException | RuntimeException e) {
            holder = null;
            stackSize = null;
        }
        HOLDER = holder;
        STACK_SIZE = stackSize;
    }

    private final long stackSize;

    private SizedStackThreads(final long stackSize) {
        this.stackSize = stackSize;
    }

    /**
     * Returns a factory whose workers get {@code bytes} of stack.
     *
     * @param bytes the stack size, or 0 for the JVM's default
     * @return the factory
     * @throws IllegalArgumentException if the size is negative
     * @throws UnsupportedOperationException if the size is not 0 and {@code java.lang} is not open to this code
     */
    public static SizedStackThreads of(final long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("stack size " + bytes + " is negative");
        }
        if (bytes != 0 && !isSupported()) {
            throw new UnsupportedOperationException("cannot give ForkJoinPool workers a stack size of " + bytes
                    + " bytes: run with --add-opens java.base/java.lang=ALL-UNNAMED");
        }
        return new SizedStackThreads(bytes);
    }

    /**
     * Whether ForkJoinPool workers can be given a stack size in this JVM.
     *
     * @return true if {@code java.lang} is open to this code
     */
    public static boolean isSupported() {
        return STACK_SIZE != null;
    }

    /**
     * Returns the stack size the workers get.
     *
     * @return the size in bytes, 0 for the JVM's default
     */
    public long stackSize() {
        return stackSize;
    }

    @Override
    public ForkJoinWorkerThread newThread(final ForkJoinPool pool) {
        final ForkJoinWorkerThread thread = new ForkJoinWorkerThread(pool) {};
        if (stackSize != 0) {
            try {
                STACK_SIZE.setLong(HOLDER.get(thread), stackSize);
            } catch (final IllegalAccessException e) {
                throw new IllegalStateException("cannot set the stack size of " + thread.getName(), e);
            }
        }
        return thread;
    }
}
