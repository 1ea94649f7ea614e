package dev.weft.process;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds and instantiates {@link TaskFunction} classes by binary name, with one instance per class. The scheduler
 * uses it at submit to reject unknown functions with a precise reason, and to run functions inline; each worker
 * process uses its own instance to run them.
 *
 * <p>Not thread-safe: each owner (the scheduler's inline runner, a worker's main thread) has its own. Checking at
 * submit goes through the static {@link #check(String, ClassLoader)}, which keeps nothing.
 */
final class FunctionLoader {

    private final ClassLoader loader;
    private final Map<String, TaskFunction> instances = new HashMap<>();

    /**
     * Creates a loader over the given class loader.
     *
     * @param loader where function classes are looked up
     */
    FunctionLoader(final ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Returns the one instance of the named function, creating it on first use.
     *
     * @param name the class's binary name
     * @return the instance
     * @throws IllegalArgumentException if the class is missing, is not a task function or cannot be instantiated
     */
    TaskFunction instance(final String name) {
        final TaskFunction known = instances.get(name);
        if (known != null) {
            return known;
        }
        final Constructor<? extends TaskFunction> constructor = check(name, loader);
        final TaskFunction created;
        try {
            created = constructor.newInstance();
        } catch (final InvocationTargetException e) {
            throw new IllegalArgumentException("function " + name + ": constructor threw " + e.getCause(), e);
        } catch (final ReflectiveOperationException e) {
            throw new IllegalArgumentException("function " + name + ": cannot instantiate: " + e, e);
        }
        instances.put(name, created);
        return created;
    }

    /**
     * Checks that a name denotes a concrete public {@link TaskFunction} with a public no-argument constructor.
     *
     * @param name the binary class name
     * @param loader where to look it up
     * @return the constructor to call
     * @throws IllegalArgumentException naming what is wrong
     */
    static Constructor<? extends TaskFunction> check(final String name, final ClassLoader loader) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("function class name is blank");
        }
        final Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (final ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("unknown function " + name + ": no such class on the class path");
        }
        if (!TaskFunction.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(
                    "unknown function " + name + ": does not implement " + TaskFunction.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException("unknown function " + name + ": not a public concrete class");
        }
        try {
            return type.asSubclass(TaskFunction.class).getConstructor();
        } catch (final NoSuchMethodException e) {
            throw new IllegalArgumentException("unknown function " + name + ": has no public no-argument constructor");
        }
    }
}
