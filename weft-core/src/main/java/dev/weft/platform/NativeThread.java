package dev.weft.platform;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts about, and controls of, the calling OS thread, through the Foreign Function and Memory API (no JNI, no JNA).
 *
 * <p>Every method acts on the thread that calls it, so any thread may call any method at any time. A call the kernel
 * refuses throws {@link NativeCallException} with its {@code errno} and the C library's text. On a system that is not
 * Linux, or whose C library lacks a function, the methods throw {@link NativeUnsupportedException} with a message
 * naming what is missing; {@link #isSupported()} says so in advance. {@code -Dweft.native=off} makes any system behave
 * so. Nothing here crashes the JVM on a bad argument: a CPU outside the machine is rejected by the kernel with
 * {@code EINVAL} and reported.
 */
public final class NativeThread {

    /*
     * Implementation overview
     *
     * Every call binds a C library function of Linux once, lazily, in a holder class:
     * sched_setaffinity/sched_getaffinity (pid 0, the calling thread), sched_getcpu, gettid,
     * prctl(PR_SET_TIMERSLACK/PR_GET_TIMERSLACK), setpriority(PRIO_PROCESS, tid), which on Linux sets the nice value of
     * one thread, sched_setattr/sched_getattr (through syscall, since older C libraries lack wrappers), which set and
     * read the scheduling class of the calling thread, and getrusage(RUSAGE_THREAD), which gives the calling thread's
     * user and system CPU time in one system call (the JDK's ThreadMXBean reads user time from /proc, about twenty
     * times dearer). Calls that can fail capture errno through Linker.Option.captureCallState. sched_getcpu is bound as
     * a critical call, which skips the thread-state transition: it costs a few nanoseconds and is cheap enough for a
     * reactor to call every pass.
     */

    /**
     * The system property that switches every native call off when set to {@code off}, so that weft runs as on a
     * system without them (for diagnosis, and to test that path).
     */
    public static final String DISABLE_PROPERTY = "weft.native";

    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;
    private static final int PRIO_PROCESS = 0;
    private static final int EINVAL = 22;
    private static final int RUSAGE_THREAD = 1;
    /** {@code struct rusage} on 64-bit Linux: two {@code timeval}s then fourteen {@code long}s. */
    private static final int RUSAGE_LONGS = 18;

    private static final int EPERM = 1;
    /** The bit {@code sched_getscheduler} may add to a policy for {@code SCHED_RESET_ON_FORK}. */
    private static final int RESET_ON_FORK_POLICY_BIT = 0x40000000;
    /** {@code SCHED_FLAG_RESET_ON_FORK}: a child process goes back to the fair class. */
    private static final long SCHED_FLAG_RESET_ON_FORK = 0x01;
    /** {@code struct sched_attr} as of Linux 3.14 ({@code SCHED_ATTR_SIZE_VER0}): the fields up to the period. */
    private static final int SCHED_ATTR_BYTES = 48;

    private static final long ATTR_POLICY = 4;
    private static final long ATTR_FLAGS = 8;
    private static final long ATTR_PRIORITY = 20;
    private static final long ATTR_RUNTIME = 24;
    private static final int MIN_MASK_BYTES = 128;
    private static final int MAX_MASK_BYTES = (CpuSet.MAX_CPU_ID + 1) / 8;

    private NativeThread() {}

    /**
     * Whether this system offers the calls of this class (Linux with glibc or musl).
     *
     * @return true if the calls are bound
     */
    public static boolean isSupported() {
        return Bindings.UNSUPPORTED_REASON == null;
    }

    /**
     * Says why the calls are not available, when they are not.
     *
     * @return the reason, or empty when {@link #isSupported()}
     */
    public static Optional<String> unsupportedReason() {
        return Optional.ofNullable(Bindings.UNSUPPORTED_REASON);
    }

    /**
     * Pins the calling thread to the given processors ({@code sched_setaffinity}).
     *
     * @param cpus the processors the thread may run on; not empty
     * @throws IllegalArgumentException if {@code cpus} is empty
     * @throws NativeCallException if the kernel refuses, for example {@code EINVAL} when no processor of the set
     *     exists or is allowed for this process
     * @throws NativeUnsupportedException where the call does not exist
     */
    public static void pinCurrentThread(final CpuSet cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("cannot pin a thread to an empty CPU set");
        }
        final MethodHandle call = Bindings.require(Bindings.SCHED_SETAFFINITY, "sched_setaffinity");
        final int bytes = Math.max(MIN_MASK_BYTES, (cpus.last() / 64 + 1) * 8);
        callWithErrno("sched_setaffinity(" + cpus.toList() + ")", (arena, state) -> {
            final MemorySegment mask = arena.allocate(bytes, 8);
            MemorySegment.copy(cpus.toWords(bytes / 8), 0, mask, JAVA_LONG, 0, bytes / 8);
            return (int) call.invokeExact(state, 0, (long) bytes, mask);
        });
    }

    /**
     * Returns the processors the calling thread may run on ({@code sched_getaffinity}).
     *
     * @return the thread's allowed set
     * @throws NativeCallException if the kernel refuses
     * @throws NativeUnsupportedException where the call does not exist
     */
    public static CpuSet currentThreadAffinity() {
        final MethodHandle call = Bindings.require(Bindings.SCHED_GETAFFINITY, "sched_getaffinity");
        for (int bytes = MIN_MASK_BYTES; ; bytes *= 2) {
            final int size = bytes;
            final long[][] words = new long[1][];
            try {
                callWithErrno("sched_getaffinity", (arena, state) -> {
                    final MemorySegment mask = arena.allocate(size, 8);
                    final int result = (int) call.invokeExact(state, 0, (long) size, mask);
                    words[0] = mask.toArray(JAVA_LONG);
                    return result;
                });
                return CpuSet.fromWords(words[0]);
            } catch (final NativeCallException e) {
                if (e.errno() != EINVAL || bytes >= MAX_MASK_BYTES) {
                    throw e;
                }
            }
        }
    }

    /**
     * Returns the processor the calling thread runs on now ({@code sched_getcpu}); it may change right after.
     *
     * @return a processor id
     * @throws NativeUnsupportedException where the call does not exist
     */
    public static int currentCpu() {
        final MethodHandle call = Bindings.require(Bindings.SCHED_GETCPU, "sched_getcpu");
        try {
            final int cpu = (int) call.invokeExact();
            if (cpu < 0) {
                throw new NativeCallException("sched_getcpu", -1, "the kernel could not say which CPU runs");
            }
            return cpu;
        } catch (final RuntimeException | Error e) {
            throw e;
        } catch (final Throwable t) {
            throw new IllegalStateException("sched_getcpu could not be invoked", t);
        }
    }

    /**
     * Returns the kernel's id of the calling thread ({@code gettid}), as {@code /proc/self/task/<tid>} names it.
     *
     * @return the thread id
     * @throws NativeUnsupportedException where the call does not exist
     */
    public static int currentThreadId() {
        final MethodHandle call = Bindings.require(Bindings.GETTID, "gettid");
        try {
            return (int) call.invokeExact();
        } catch (final RuntimeException | Error e) {
            throw e;
        } catch (final Throwable t) {
            throw new IllegalStateException("gettid could not be invoked", t);
        }
    }

    /**
     * Sets the timer slack of the calling thread ({@code prctl(PR_SET_TIMERSLACK)}): how late the kernel may end
     * its timed sleeps to batch wake-ups. Linux's default is 50 µs; a reactor that sleeps for tens of microseconds
     * wants 1 ns. Zero restores the process default.
     *
     * @param nanos the slack in nanoseconds, not negative
     * @throws IllegalArgumentException if {@code nanos} is negative
     * @throws NativeCallException if the kernel refuses
     * @throws NativeUnsupportedException where the call does not exist
     */
    public static void setTimerSlack(final long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("timer slack " + nanos + " ns is negative");
        }
        final MethodHandle call = Bindings.require(Bindings.PRCTL, "prctl");
        callWithErrno("prctl(PR_SET_TIMERSLACK, " + nanos + ")", (arena, state) ->
                (int) call.invokeExact(state, PR_SET_TIMERSLACK, nanos));
    }

    /**
     * Returns the timer slack of the calling thread ({@code prctl(PR_GET_TIMERSLACK)}).
     *
     * @return the slack in nanoseconds
     * @throws NativeCallException if the kernel refuses
     * @throws NativeUnsupportedException where the call does not exist
     */
    public static long timerSlack() {
        final MethodHandle call = Bindings.require(Bindings.PRCTL, "prctl");
        return Integer.toUnsignedLong(callWithErrno(
                "prctl(PR_GET_TIMERSLACK)", (arena, state) -> (int) call.invokeExact(state, PR_GET_TIMERSLACK, 0L)));
    }

    /**
     * Sets the nice value of the calling thread ({@code setpriority(PRIO_PROCESS, gettid())}); on Linux this
     * changes one thread, not the whole process. Raising priority (a lower value) needs {@code CAP_SYS_NICE}.
     *
     * @param nice the nice value, in {@code [-20, 19]}
     * @throws IllegalArgumentException if {@code nice} is out of range
     * @throws NativeCallException if the kernel refuses, for example {@code EACCES} without the capability
     * @throws NativeUnsupportedException where the call does not exist
     */
    public static void setNice(final int nice) {
        ThreadConfig.checkNice(nice);
        final MethodHandle call = Bindings.require(Bindings.SETPRIORITY, "setpriority");
        final int tid = currentThreadId();
        callWithErrno("setpriority(PRIO_PROCESS, " + tid + ", " + nice + ")", (arena, state) ->
                (int) call.invokeExact(state, PRIO_PROCESS, tid, nice));
    }

    /**
     * Puts the calling thread into a scheduling class ({@code sched_setattr} on thread 0, the caller). Its nice
     * value is kept: the call reads the thread's attributes first and changes only the class, the real-time
     * priority and the fair slice. A real-time class is set with {@code SCHED_FLAG_RESET_ON_FORK}.
     *
     * @param policy the class and its parameter
     * @throws NativeCallException if the kernel refuses; {@code EPERM} for a real-time class without
     *     {@code CAP_SYS_NICE} or a sufficient {@code RLIMIT_RTPRIO}, with a message saying so
     * @throws NativeUnsupportedException where the call does not exist (not Linux, or a processor architecture whose
     *     system call numbers weft does not know)
     */
    public static void setSchedulingPolicy(final SchedulingPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        final MethodHandle call = Bindings.require(Bindings.SYSCALL, "syscall");
        final long set = Bindings.requireSyscall(Bindings.SYS_SCHED_SETATTR, "sched_setattr");
        final long get = Bindings.requireSyscall(Bindings.SYS_SCHED_GETATTR, "sched_getattr");
        final String what = "sched_setattr(" + policy + ")";
        try {
            callWithErrno(what, (arena, state) -> {
                final MemorySegment attr = arena.allocate(SCHED_ATTR_BYTES, 8);
                final long read = (long) call.invokeExact(state, get, 0L, attr, (long) SCHED_ATTR_BYTES, 0L);
                if (read != 0) {
                    throw Bindings.failure("sched_getattr, before " + what, state);
                }
                attr.set(JAVA_INT, 0, SCHED_ATTR_BYTES);
                attr.set(JAVA_INT, ATTR_POLICY, policy.kind().linuxPolicy());
                attr.set(JAVA_LONG, ATTR_FLAGS, policy.isRealtime() ? SCHED_FLAG_RESET_ON_FORK : 0L);
                attr.set(JAVA_INT, ATTR_PRIORITY, policy.priority());
                attr.set(JAVA_LONG, ATTR_RUNTIME, policy.sliceNanos());
                return (int) (long) call.invokeExact(state, set, 0L, attr, 0L, 0L);
            });
        } catch (final NativeCallException e) {
            if (e.errno() == EPERM && policy.isRealtime()) {
                throw new NativeCallException(
                        e,
                        "a real-time class needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at " + "least " + policy.priority()
                                + " (ulimit -r; or run as root)");
            }
            throw e;
        }
    }

    /**
     * Returns the scheduling class of the calling thread ({@code sched_getattr}). For the fair class the slice is
     * the one the kernel uses now, which recent kernels report even when none was asked (their default, derived
     * from the base slice) and older kernels report as 0 (no slice), since they ignore a requested one.
     *
     * @return the thread's class
     * @throws NativeCallException if the kernel refuses
     * @throws NativeUnsupportedException where the call does not exist
     */
    public static SchedulingPolicy currentSchedulingPolicy() {
        final MethodHandle call = Bindings.require(Bindings.SYSCALL, "syscall");
        final long get = Bindings.requireSyscall(Bindings.SYS_SCHED_GETATTR, "sched_getattr");
        final SchedulingPolicy[] seen = new SchedulingPolicy[1];
        callWithErrno("sched_getattr", (arena, state) -> {
            final MemorySegment attr = arena.allocate(SCHED_ATTR_BYTES, 8);
            final long result = (long) call.invokeExact(state, get, 0L, attr, (long) SCHED_ATTR_BYTES, 0L);
            if (result == 0) {
                seen[0] = SchedulingPolicy.ofLinux(
                        attr.get(JAVA_INT, ATTR_POLICY) & ~RESET_ON_FORK_POLICY_BIT,
                        attr.get(JAVA_INT, ATTR_PRIORITY),
                        attr.get(JAVA_LONG, ATTR_RUNTIME));
            }
            return (int) result;
        });
        return seen[0];
    }

    /**
     * Returns the user and system CPU time of the calling thread ({@code getrusage(RUSAGE_THREAD)}), with the
     * kernel's microsecond resolution. It is one system call with no file to read, cheap enough for a reactor to
     * sample its own thread every few milliseconds.
     *
     * @return the thread's CPU times so far
     * @throws NativeCallException if the kernel refuses
     * @throws NativeUnsupportedException where the call does not exist
     */
    public static ThreadCpuTimes currentThreadCpuTimes() {
        final MethodHandle call = Bindings.require(Bindings.GETRUSAGE, "getrusage");
        final long[] usage = new long[RUSAGE_LONGS];
        final int result;
        try {
            result = (int) call.invokeExact(RUSAGE_THREAD, MemorySegment.ofArray(usage));
        } catch (final RuntimeException | Error e) {
            throw e;
        } catch (final Throwable t) {
            throw new IllegalStateException("getrusage could not be invoked", t);
        }
        if (result != 0) {
            throw new NativeCallException(
                    "getrusage(RUSAGE_THREAD)", -1, "the kernel refused to report the " + "thread's CPU time");
        }
        return new ThreadCpuTimes(
                usage[0] * 1_000_000_000L + usage[1] * 1_000L, usage[2] * 1_000_000_000L + usage[3] * 1_000L);
    }

    /** A C call that leaves {@code errno} in the capture segment it is given and returns -1 on failure. */
    @FunctionalInterface
    private interface ErrnoCall {
        int invoke(Arena arena, MemorySegment state) throws Throwable;
    }

    /**
     * Runs a C call in a confined arena with an {@code errno} capture segment, and turns a -1 result into a
     * {@link NativeCallException} with the errno and its text.
     */
    private static int callWithErrno(final String what, final ErrnoCall call) {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment state = arena.allocate(Bindings.CAPTURE_LAYOUT);
            final int result = call.invoke(arena, state);
            if (result == -1) {
                throw Bindings.failure(what, state);
            }
            return result;
        } catch (final RuntimeException | Error e) {
            throw e;
        } catch (final Throwable t) {
            throw new IllegalStateException(what + " could not be invoked", t);
        }
    }

    /** The bound functions, created on first use; a null handle means the function is missing. */
    private static final class Bindings {
        static final String UNSUPPORTED_REASON;
        static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SCHED_SETAFFINITY;
        static final MethodHandle SCHED_GETAFFINITY;
        static final MethodHandle SCHED_GETCPU;
        static final MethodHandle GETTID;
        static final MethodHandle PRCTL;
        static final MethodHandle SETPRIORITY;
        static final MethodHandle STRERROR;
        static final MethodHandle GETRUSAGE;
        static final MethodHandle SYSCALL;
        static final long SYS_SCHED_SETATTR;
        static final long SYS_SCHED_GETATTR;

        static {
            final String os = System.getProperty("os.name", "unknown");
            final boolean linux = os.toLowerCase(Locale.ROOT).startsWith("linux");
            final Linker linker = Linker.nativeLinker();
            final SymbolLookup libc = linker.defaultLookup();
            final Linker.Option errno = Linker.Option.captureCallState("errno");
            final boolean disabled = "off".equals(System.getProperty(DISABLE_PROPERTY));
            if (disabled) {
                UNSUPPORTED_REASON = "native calls are switched off by -D" + DISABLE_PROPERTY + "=off";
            } else if (!linux) {
                UNSUPPORTED_REASON = "weft's thread controls need Linux; this is " + os;
            } else {
                UNSUPPORTED_REASON = nativeAccessRefusal(linker, libc);
            }
            final boolean usable = UNSUPPORTED_REASON == null;
            SCHED_SETAFFINITY = bind(
                    usable,
                    linker,
                    libc,
                    "sched_setaffinity",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                    errno);
            SCHED_GETAFFINITY = bind(
                    usable,
                    linker,
                    libc,
                    "sched_getaffinity",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                    errno);
            SCHED_GETCPU = bind(
                    usable,
                    linker,
                    libc,
                    "sched_getcpu",
                    FunctionDescriptor.of(JAVA_INT),
                    Linker.Option.critical(false));
            GETTID = bind(
                    usable, linker, libc, "gettid", FunctionDescriptor.of(JAVA_INT), Linker.Option.critical(false));
            PRCTL = bind(
                    usable,
                    linker,
                    libc,
                    "prctl",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG),
                    errno,
                    Linker.Option.firstVariadicArg(1));
            SETPRIORITY = bind(
                    usable,
                    linker,
                    libc,
                    "setpriority",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                    errno);
            STRERROR = bind(usable, linker, libc, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
            GETRUSAGE = bind(
                    usable && ADDRESS.byteSize() == Long.BYTES,
                    linker,
                    libc,
                    "getrusage",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS),
                    Linker.Option.critical(true));
            SYSCALL = bind(
                    usable,
                    linker,
                    libc,
                    "syscall",
                    FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG),
                    errno,
                    Linker.Option.firstVariadicArg(1));
            final String arch = System.getProperty("os.arch", "");
            SYS_SCHED_SETATTR = switch (arch) {
                case "amd64", "x86_64" -> 314;
                case "aarch64", "riscv64" -> 274;
                default -> -1;
            };
            SYS_SCHED_GETATTR = SYS_SCHED_SETATTR < 0 ? -1 : SYS_SCHED_SETATTR + 1;
        }

        private Bindings() {}

        /**
         * Binds one harmless function to learn whether the JVM lets weft call native code at all: under
         * {@code --illegal-native-access=deny} a module without native access enabled gets
         * {@link IllegalCallerException} from the linker.
         */
        private static String nativeAccessRefusal(final Linker linker, final SymbolLookup libc) {
            try {
                libc.find("getpid").ifPresent(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT)));
                return null;
            } catch (final IllegalCallerException e) {
                final Module module = NativeThread.class.getModule();
                return "the JVM refuses weft native access (" + e.getMessage() + "); run it with "
                        + "--enable-native-access=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED");
            }
        }

        private static MethodHandle bind(
                final boolean usable,
                final Linker linker,
                final SymbolLookup libc,
                final String name,
                final FunctionDescriptor descriptor,
                final Linker.Option... options) {
            if (!usable) {
                return null;
            }
            return libc.find(name)
                    .map(symbol -> linker.downcallHandle(symbol, descriptor, options))
                    .orElse(null);
        }

        static MethodHandle require(final MethodHandle handle, final String name) {
            if (handle != null) {
                return handle;
            }
            throw new NativeUnsupportedException(name + " is unsupported here: "
                    + (UNSUPPORTED_REASON != null ? UNSUPPORTED_REASON : "the C library does not export it"));
        }

        static long requireSyscall(final long number, final String name) {
            if (number >= 0) {
                return number;
            }
            throw new NativeUnsupportedException(name + " is unsupported here: weft knows its system call number "
                    + "on amd64, aarch64 and riscv64, not on " + System.getProperty("os.arch"));
        }

        static int errno(final MemorySegment state) {
            return (int) ERRNO.get(state, 0L);
        }

        static NativeCallException failure(final String call, final MemorySegment state) {
            final int errno = errno(state);
            return new NativeCallException(call, errno, describe(errno));
        }

        private static String describe(final int errno) {
            if (STRERROR == null) {
                return "errno " + errno;
            }
            try {
                final MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
                return text.reinterpret(256).getString(0);
            } catch (final Throwable t) {
                return "errno " + errno;
            }
        }
    }
}
