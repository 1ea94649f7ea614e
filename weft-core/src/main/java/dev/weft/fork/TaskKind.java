package dev.weft.fork;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A class of tasks that the per-worker task cache may reuse, the Java form of GTS's {@code allocateTask<TTask>}: GTS
 * caches untyped blocks of {@code cachableTaskSize} bytes and constructs any small task in one, while a Java object
 * never changes class, so each worker keeps one free list per kind.
 *
 * <p>Declare a kind once, as a constant, and allocate through {@link TaskContext#allocateTask} (or
 * {@link MicroScheduler#allocateTask} from any thread). A kind has a small id, which indexes the workers' free
 * lists without a lookup, and the estimated size of one instance, which decides whether the kind is cachable at
 * all: like GTS, a pool caches only tasks of at most {@link WorkerPoolConfig#cachableTaskSize()} bytes. The size is
 * estimated from the declared instance fields, assuming HotSpot's compressed layout (a 12-byte header, 4-byte
 * references, fields packed and the object rounded up to 8 bytes); arrays and objects a task refers to are not
 * counted.
 *
 * @param <T> the task class
 */
public final class TaskKind<T extends Task> {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final int HEADER_BYTES = 12;

    private final int id;
    private final Class<T> type;
    private final Supplier<? extends T> factory;
    private final int estimatedSize;

    private TaskKind(final int id, final Class<T> type, final Supplier<? extends T> factory) {
        this.id = id;
        this.type = type;
        this.factory = factory;
        this.estimatedSize = estimateSize(type);
    }

    /**
     * Declares a kind of cachable task.
     *
     * @param type the exact class of the tasks the factory makes
     * @param factory makes a fresh task when no cached one is free; its fields are overwritten by whoever allocates
     * @param <T> the task class
     * @return the kind
     * @throws IllegalArgumentException if the type is abstract
     * @throws IllegalStateException if more than 32,767 kinds were declared in this JVM (the id is a short in every
     *     task)
     */
    public static <T extends Task> TaskKind<T> of(final Class<T> type, final Supplier<? extends T> factory) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factory, "factory");
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("task kind " + type.getName() + " is abstract; a kind names the"
                    + " concrete class its factory makes");
        }
        final int id = IDS.incrementAndGet();
        if (id > Short.MAX_VALUE) {
            throw new IllegalStateException("too many task kinds: " + type.getName() + " would be kind " + id
                    + ", and kinds stop at " + Short.MAX_VALUE + "; declare kinds once, as constants");
        }
        return new TaskKind<>(id, type, factory);
    }

    /**
     * Returns the kind's id, which indexes the workers' free lists.
     *
     * @return the id, in {@code [1, 32767]}
     */
    public int id() {
        return id;
    }

    /**
     * Returns the task class.
     *
     * @return the class
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Returns the estimated size of one task of this kind, compared with the pool's {@code cachableTaskSize}.
     *
     * @return the size in bytes
     */
    public int estimatedSize() {
        return estimatedSize;
    }

    /**
     * Makes a fresh task; one made for a worker's cache is marked with this kind and the worker, so that it returns
     * to that cache when it finishes there.
     *
     * @param ownerIndex the allocating worker's local id, or -1 for a task no cache takes back
     * @return the task
     * @throws IllegalStateException if the factory returned null or a task of another class
     */
    T create(final int ownerIndex) {
        final T task = factory.get();
        if (task == null || task.getClass() != type) {
            throw new IllegalStateException("the factory of task kind " + type.getName() + " returned "
                    + (task == null ? "null" : "a " + task.getClass().getName()));
        }
        if (ownerIndex >= 0) {
            task.bindKind(id, ownerIndex);
        }
        return task;
    }

    /**
     * Returns the kind's class name and size.
     *
     * @return a summary
     */
    @Override
    public String toString() {
        return "TaskKind{" + type.getName() + ", id=" + id + ", ~" + estimatedSize + " B}";
    }

    private static int estimateSize(final Class<?> type) {
        int bytes = HEADER_BYTES;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (final Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    bytes += fieldBytes(field.getType());
                }
            }
        }
        return (bytes + 7) & ~7;
    }

    private static int fieldBytes(final Class<?> fieldType) {
        if (fieldType == long.class || fieldType == double.class) {
            return 8;
        }
        if (fieldType == int.class || fieldType == float.class) {
            return 4;
        }
        if (fieldType == short.class || fieldType == char.class) {
            return 2;
        }
        if (fieldType == byte.class || fieldType == boolean.class) {
            return 1;
        }
        return 4;
    }
}
