package dev.weft.fork;

import dev.weft.platform.OwnedId;
import dev.weft.platform.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of CPU work, GTS's {@code WorkerPool}: a set of workers, one OS thread each, that any number of
 * {@link MicroScheduler}s attach to.
 *
 * <p>The thread that initialises the pool is worker 0, the <em>master</em>. The pool does not own it: the master runs
 * tasks only while it waits in one of the pool's schedulers, and it never sleeps. Workers 1..n-1 are platform threads
 * the pool starts through their {@link dev.weft.platform.ThreadConfig}s, and each worker's id is the
 * {@link OwnedId} (pool id, worker index), pool ids coming from a global counter that wraps after 65,535.
 *
 * <p><b>Implementation overview.</b> The pool keeps the attached schedulers in a copy-on-write array that workers
 * read without locks, the workers' sleep states, and one counter of sleeping workers. Spawning a task calls
 * {@link #wakeOne()}, which costs a single read while nobody sleeps; otherwise it starts at a random worker (never
 * the master) and wakes the first sleeper it finds. A woken worker that steals work and sees more left behind wakes
 * one more, so wakeups spread along a chain instead of from the spawner alone (GTS's "wake one, which wakes more").
 * {@link #shutdown()} shuts every attached scheduler down (each pending task ends as cancelled), stops the workers
 * and joins their threads, so no thread outlives the pool.
 */
public final class WorkerPool implements AutoCloseable {

    private static final OwnedId.OwnerCounter POOL_IDS = new OwnedId.OwnerCounter();
    private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();
    private static final MicroScheduler[] NO_SCHEDULERS = new MicroScheduler[0];

    private final int id;
    private final WorkerPoolConfig desc;
    private final Worker[] workers;
    private final Thread master;
    private final AtomicInteger sleeping = new AtomicInteger();
    private final Object lifecycle = new Object();
    private volatile MicroScheduler[] schedulers = NO_SCHEDULERS;
    private volatile boolean running = true;
    private volatile boolean halted;

    private WorkerPool(final WorkerPoolConfig desc) {
        this.id = POOL_IDS.nextOwnerId();
        this.desc = desc;
        this.master = Thread.currentThread();
        final int count = desc.workerSpecs().size();
        this.workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker(this, i);
        }
        workers[0].bindThread(master);
        workers[0].recordThreadId();
        final List<Worker> started = new ArrayList<>();
        try {
            for (int i = 1; i < count; i++) {
                final Worker worker = workers[i];
                worker.bindThread(desc.workerSpecs().get(i).start(worker::run).thread());
                started.add(worker);
            }
        } catch (final RuntimeException e) {
            running = false;
            started.forEach(Worker::wake);
            started.forEach(w -> joinQuietly(w.thread()));
            throw e;
        }
    }

    /**
     * Starts a pool with one worker per processor this process may use (the master included), GTS's default.
     *
     * @return the running pool
     */
    public static WorkerPool start() {
        return start(defaultWorkerCount());
    }

    /**
     * Starts a pool of {@code workerCount} workers: the calling thread as the master and {@code workerCount - 1}
     * owned threads.
     *
     * @param workerCount the number of workers including the master, at least 1
     * @return the running pool
     * @throws IllegalArgumentException if the count is below 1
     */
    public static WorkerPool start(final int workerCount) {
        return start(WorkerPoolConfig.builder("weft-pool", workerCount).build());
    }

    /**
     * Starts a pool by a description.
     *
     * @param desc the workers' specs, visitor, name and failure handler
     * @return the running pool
     * @throws dev.weft.platform.ThreadPlacementException if the kernel refused a worker's placement; the workers
     *     already started are stopped first
     */
    public static WorkerPool start(final WorkerPoolConfig desc) {
        return new WorkerPool(desc);
    }

    /**
     * Returns the number of processors this process may use, the default pool size.
     *
     * @return at least 1
     */
    public static int defaultWorkerCount() {
        try {
            return Math.max(1, Topology.read().allowed().size());
        } catch (final RuntimeException e) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Returns the pool's owner id.
     *
     * @return the id, in {@code [0, 65535]}
     */
    public int id() {
        return id;
    }

    /**
     * Returns the pool's name.
     *
     * @return the name
     */
    public String name() {
        return desc.name();
    }

    /**
     * Returns the number of workers, the master included.
     *
     * @return at least 1
     */
    public int workerCount() {
        return workers.length;
    }

    /**
     * Returns the ids of all workers, the master first.
     *
     * @return (pool id, index) for each worker
     */
    public List<OwnedId> workerIds() {
        return Arrays.stream(workers).map(Worker::id).toList();
    }

    /**
     * Returns the threads of the owned workers (not the master), for monitoring.
     *
     * @return the threads of workers 1..n-1
     */
    public List<Thread> ownedThreads() {
        return Arrays.stream(workers, 1, workers.length).map(Worker::thread).toList();
    }

    /**
     * Returns the id of the calling thread as a worker of this pool.
     *
     * @return the worker's id, or {@link OwnedId#UNKNOWN} if the caller is not one of this pool's workers
     */
    public OwnedId thisWorkerId() {
        final int index = currentWorkerIndex();
        return index < 0 ? OwnedId.UNKNOWN : workers[index].id();
    }

    /**
     * Returns the schedulers attached to this pool.
     *
     * @return a snapshot, in the order the workers serve them
     */
    public List<MicroScheduler> microSchedulers() {
        return List.of(schedulers);
    }

    /**
     * Whether the pool is running (not shut down).
     *
     * @return true until {@link #shutdown()}
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * Returns the kernel thread ids of all workers, the master first, as {@code /proc/self/task} names them (GTS's
     * {@code enumerateWorkerTids}).
     *
     * @return one id per worker; -1 for a worker whose thread has not started yet or where the system cannot tell
     */
    public List<Integer> workerThreadIds() {
        return Arrays.stream(workers).map(Worker::threadId).toList();
    }

    /**
     * Halts the pool: the owned workers finish the tasks they are running and then sleep, whatever the queues hold,
     * until {@link #resume()}. Spawning still works (the tasks wait), and a thread waiting in a scheduler still
     * helps, so a halt never deadlocks a waiter that can do the work itself.
     */
    public void halt() {
        halted = true;
    }

    /** Resumes a halted pool and wakes every worker. */
    public void resume() {
        halted = false;
        wakeAll();
    }

    /**
     * Whether the pool is halted.
     *
     * @return true between {@link #halt()} and {@link #resume()}
     */
    public boolean isHalted() {
        return halted;
    }

    /**
     * Returns how many owned workers sleep now.
     *
     * @return a snapshot of the sleeper count
     */
    public int sleepingWorkerCount() {
        return sleeping.get();
    }

    /**
     * Shuts the pool down: shuts down every attached scheduler (their pending tasks end as cancelled), stops the
     * workers and waits for their threads to end. Idempotent.
     *
     * @throws IllegalStateException if called from one of this pool's owned workers, which cannot wait for itself
     */
    public void shutdown() {
        final int self = currentWorkerIndex();
        if (self > 0) {
            throw new IllegalStateException("worker " + workers[self].id() + " cannot shut down its own pool '" + name()
                    + "'; shut it down from another thread");
        }
        for (final MicroScheduler scheduler : schedulers) {
            scheduler.shutdown();
        }
        stopWorkers();
        for (int i = 1; i < workers.length; i++) {
            joinQuietly(workers[i].thread());
        }
    }

    /** Shuts the pool down, as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    /** Tells the workers to exit once they leave the scheduler they are in; does not wait. */
    void stopWorkers() {
        running = false;
        for (int i = 1; i < workers.length; i++) {
            workers[i].wake();
        }
    }

    /**
     * Whether every owned worker thread has ended.
     *
     * @return true once all threads are gone
     */
    boolean threadsEnded() {
        for (int i = 1; i < workers.length; i++) {
            if (workers[i].thread().isAlive()) {
                return false;
            }
        }
        return true;
    }

    private static void joinQuietly(final Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns one worker's user data, GTS's per-worker {@code pUserData}, as the pool description set it.
     *
     * @param workerIndex the worker's local id, 0 for the master
     * @param type the class the caller expects
     * @param <T> the expected type
     * @return the object, or null if the worker has none
     * @throws IllegalArgumentException if the index names no worker, or the object is not a {@code type}
     */
    public <T> T userData(final int workerIndex, final Class<T> type) {
        if (workerIndex < 0 || workerIndex >= workers.length) {
            throw new IllegalArgumentException(
                    "worker index " + workerIndex + " is outside [0, " + workers.length + ") of pool '" + name() + "'");
        }
        return castUserData(workers[workerIndex], type);
    }

    static <T> T castUserData(final Worker worker, final Class<T> type) {
        final Object data = worker.userData();
        if (data == null || type.isInstance(data)) {
            return type.cast(data);
        }
        throw new IllegalArgumentException("the user data of worker " + worker.id() + " of pool '"
                + worker.pool().name() + "' is a " + data.getClass().getName() + ", not a " + type.getName());
    }

    /**
     * Returns every worker's task cache counters (see {@link TaskKind}), the master first.
     *
     * @return one snapshot per worker
     */
    public List<TaskCacheStats> taskCacheStats() {
        return Arrays.stream(workers).map(w -> w.cache().stats(w.id())).toList();
    }

    // ---- scheduler support ----

    WorkerPoolConfig desc() {
        return desc;
    }

    static void bindCurrent(final Worker worker) {
        if (worker == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(worker);
        }
    }

    /**
     * Returns the calling thread's worker index in this pool.
     *
     * @return the index, 0 for the master, or -1 if the caller is not a worker of this pool
     */
    int currentWorkerIndex() {
        final Thread current = Thread.currentThread();
        if (current == master) {
            return 0;
        }
        final Worker worker = CURRENT.get();
        return worker != null && worker.pool() == this ? worker.index() : -1;
    }

    Worker worker(final int index) {
        return workers[index];
    }

    WorkerPoolVisitor visitor() {
        return desc.visitor();
    }

    UncaughtTaskHandler uncaughtTaskHandler() {
        return desc.uncaughtTaskHandler();
    }

    MicroScheduler[] schedulers() {
        return schedulers;
    }

    void attach(final MicroScheduler scheduler) {
        synchronized (lifecycle) {
            if (!running) {
                throw new IllegalStateException("worker pool '" + name() + "' is shut down; no scheduler can attach");
            }
            final MicroScheduler[] now = Arrays.copyOf(schedulers, schedulers.length + 1);
            now[now.length - 1] = scheduler;
            schedulers = now;
        }
        wakeAll();
    }

    void detach(final MicroScheduler scheduler) {
        synchronized (lifecycle) {
            schedulers = Arrays.stream(schedulers).filter(s -> s != scheduler).toArray(MicroScheduler[]::new);
        }
    }

    void sleeperArrived() {
        sleeping.incrementAndGet();
    }

    void sleeperLeft() {
        sleeping.decrementAndGet();
    }

    /** Whether any owned worker sleeps; a plain volatile read, free while none does. */
    boolean hasSleepers() {
        return sleeping.get() > 0;
    }

    /**
     * Wakes one sleeping worker, starting the search at a random index and never at the master.
     *
     * @return true if a worker was woken
     */
    boolean wakeOne() {
        final int owned = workers.length - 1;
        if (owned <= 0 || sleeping.get() == 0) {
            return false;
        }
        final int start = owned == 1 ? 0 : ThreadLocalRandom.current().nextInt(owned);
        for (int i = 0; i < owned; i++) {
            if (workers[1 + (start + i) % owned].wake()) {
                return true;
            }
        }
        return false;
    }

    /** Wakes every sleeping worker. */
    void wakeAll() {
        for (int i = 1; i < workers.length; i++) {
            workers[i].wake();
        }
    }

    /**
     * Whether a worker would find a task in some attached, active scheduler: the sleeper's last look.
     *
     * @param index the worker's index
     * @return true if some queue it may take from is not empty
     */
    boolean hasWorkFor(final int index) {
        for (final MicroScheduler scheduler : schedulers) {
            if (scheduler.isActive() && scheduler.steals().hasWorkFor(index)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns a readable summary.
     *
     * @return the name, id and worker count
     */
    @Override
    public String toString() {
        return "WorkerPool{" + name() + ", id=" + id + ", workers=" + workers.length + "}";
    }
}
