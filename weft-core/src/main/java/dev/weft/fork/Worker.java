package dev.weft.fork;

import dev.weft.platform.NativeThread;
import dev.weft.platform.NativeUnsupportedException;
import dev.weft.platform.OwnedId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker of a {@link WorkerPool}: GTS's {@code Worker}, the loop an owned worker thread runs, and the sleep and
 * wake handshake.
 *
 * <p><b>Implementation overview.</b> An owned worker serves the schedulers attached to its pool in round-robin order,
 * skipping inactive ones; for each it asks its local scheduler for a task (the whole GTS search order) and, on
 * success, runs that scheduler until it has nothing left. When a full round finds nothing, the worker pauses through
 * its {@link TerminationBackoff}; once the backoff says quit, it searches one last time and then sleeps.
 *
 * <p>Each worker owns a {@link TaskCache} (only its thread allocates from it and frees into it) and holds the user
 * data its pool description gave it.
 *
 * <p>Sleeping is a two-state handshake on {@code state}. The sleeper publishes {@code SLEEPING} and increments the
 * pool's sleeper count (both full fences), then looks once more at every queue it could take from: a task pushed
 * before that point is seen here, and a task pushed after it finds the sleeper counted, so no wakeup is lost for
 * queue pushes (a local deque push reads the count without a fence, trading a rare late wake, which the next spawn
 * repairs, for speed on the hot path). A waker moves the state from {@code SLEEPING} to {@code RUNNING} by
 * compare-and-set, so exactly one waker decrements the count and unparks the thread. Before it parks, a sleeper
 * raises the demand flag of every other worker in every scheduler it serves: a sleeping worker is hungry but steals
 * nothing, so without this a demand-driven fork ({@link TaskContext#forkOnDemand}) would never make the task whose
 * push wakes it. The master (index 0) has no
 * thread of the pool's and never sleeps. While the pool is halted, workers finish their current chain of tasks and
 * sleep whatever the queues hold, until {@link WorkerPool#resume()} wakes them.
 */
final class Worker {

    static final int RUNNING = 0;
    static final int SLEEPING = 1;

    private static final VarHandle STATE;
    private static final VarHandle SLEEPS;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Worker.class, "state", int.class);
            SLEEPS = MethodHandles.lookup().findVarHandle(Worker.class, "sleeps", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WorkerPool pool;
    private final int index;
    private final OwnedId id;
    private final TerminationBackoff backoff = new TerminationBackoff();
    private final TaskCache cache;
    private final Object userData;
    private volatile Thread thread;
    private volatile int tid = -1;
    private volatile int state = RUNNING;
    private int roundRobin;
    private long seed;
    private long sleeps;

    Worker(final WorkerPool pool, final int index) {
        this.pool = pool;
        this.index = index;
        this.id = OwnedId.of(pool.id(), index);
        this.seed = 0x9E3779B97F4A7C15L * (index + 1) ^ System.nanoTime();
        final WorkerPoolConfig desc = pool.desc();
        this.cache = new TaskCache(
                index, desc.cachableTaskSize(), desc.initialTaskCountPerWorker(), desc.taskCacheCapacity());
        this.userData = desc.workerUserData().get(index);
    }

    /** This worker's task cache; its own thread only. */
    TaskCache cache() {
        return cache;
    }

    /** The user data the pool description gave this worker, or null. */
    Object userData() {
        return userData;
    }

    int index() {
        return index;
    }

    OwnedId id() {
        return id;
    }

    WorkerPool pool() {
        return pool;
    }

    Thread thread() {
        return thread;
    }

    void bindThread(final Thread bound) {
        thread = bound;
    }

    /** Records the calling thread's kernel id as this worker's, or -1 where the system cannot tell it. */
    void recordThreadId() {
        try {
            tid = NativeThread.currentThreadId();
        } catch (final NativeUnsupportedException e) {
            tid = -1;
        }
    }

    int threadId() {
        return tid;
    }

    /**
     * Returns a pseudo-random number in {@code [0, bound)} from this worker's xorshift state; owner only.
     *
     * @param bound the exclusive upper bound, at least 1
     * @return the number
     */
    int nextRandom(final int bound) {
        long x = seed;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        seed = x;
        return (int) ((x >>> 33) % bound);
    }

    /** The body of an owned worker thread. */
    void run() {
        WorkerPool.bindCurrent(this);
        recordThreadId();
        try {
            visit(true);
            while (pool.isRunning()) {
                if (pool.isHalted()) {
                    sleep();
                } else if (runOnce()) {
                    backoff.reset();
                } else if (backoff.tryToQuit() && !runOnce()) {
                    sleep();
                }
            }
        } finally {
            visit(false);
            WorkerPool.bindCurrent(null);
        }
    }

    private void visit(final boolean start) {
        try {
            if (start) {
                pool.visitor().onThreadStart(id);
            } else {
                pool.visitor().onThreadExit(id);
            }
        } catch (final RuntimeException e) {
            System.getLogger(Worker.class.getPackageName())
                    .log(
                            System.Logger.Level.ERROR,
                            "the visitor of pool '" + pool.name() + "' threw on worker " + id,
                            e);
        }
    }

    /**
     * Serves the attached schedulers once, round-robin from where the last round stopped.
     *
     * @return true if some scheduler had a task
     */
    private boolean runOnce() {
        final MicroScheduler[] schedulers = pool.schedulers();
        final int count = schedulers.length;
        for (int i = 0; i < count; i++) {
            final int slot = (roundRobin + i) % count;
            final MicroScheduler scheduler = schedulers[slot];
            if (scheduler.isActive() && scheduler.local(index).runTopLevel()) {
                roundRobin = slot + 1;
                return true;
            }
        }
        return false;
    }

    private void sleep() {
        STATE.setVolatile(this, SLEEPING);
        pool.sleeperArrived();
        if (!pool.isRunning() || (!pool.isHalted() && pool.hasWorkFor(index))) {
            if (STATE.compareAndSet(this, SLEEPING, RUNNING)) {
                pool.sleeperLeft();
            }
            return;
        }
        for (final MicroScheduler scheduler : pool.schedulers()) {
            scheduler.steals().announceHunger(index);
        }
        SLEEPS.setOpaque(this, sleeps + 1);
        final long start = System.nanoTime();
        while (state == SLEEPING) {
            LockSupport.park(this);
        }
        Thread.interrupted();
        backoff.observeSleep(System.nanoTime() - start);
    }

    /**
     * Wakes this worker if it sleeps.
     *
     * @return true if this call woke it
     */
    boolean wake() {
        if (state == SLEEPING && STATE.compareAndSet(this, SLEEPING, RUNNING)) {
            pool.sleeperLeft();
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }

    long sleeps() {
        return (long) SLEEPS.getOpaque(this);
    }
}
