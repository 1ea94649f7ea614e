package dev.weft.rpc.methods;

import dev.weft.balance.Governor;
import dev.weft.platform.CpuSet;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import dev.weft.reactor.StrandStats;
import dev.weft.reactor.TaskletStats;
import dev.weft.rpc.ResultWriter;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcState;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * SPDK's read methods over a {@link ReactorGroup}, with SPDK's names and exactly SPDK's key sets, so that SPDK's
 * {@code rpc.py} and {@code spdk_top} (which decodes these objects strictly) work against weft: reactors are SPDK's
 * reactors, strands its lightweight threads, tasklets its pollers.
 *
 * <p><b>Implementation overview.</b> Every answer is written in one pass over the group's reactors, each read with
 * {@link Reactor#stats()} (opaque reads of single-writer counters), so serving a request never stops or slows a
 * reactor. The three methods a monitor polls ({@code framework_get_reactors}, {@code thread_get_stats},
 * {@code thread_get_pollers}) are {@link dev.weft.rpc.StreamingRpcMethod}s: they check their parameters, then
 * write each counter straight to the response generator as it is read, under a name encoded once ({@link Keys}),
 * with no tree of maps in between (that tree was most of a request's cost). A strand's own mask is found by its
 * index in the reactor's strand list, which the stats list follows, rather than through a map built per request;
 * the group's mask, the default, is computed once, since a group's reactors are fixed. weft counts time in
 * nanoseconds, so every method reports {@code tick_rate} 1,000,000,000 and its busy, idle, elapsed and period
 * ticks in nanoseconds: a client that divides by {@code tick_rate}, as SPDK's do, gets seconds. A strand's
 * {@code cpumask} is its own mask, or the union of the group's reactor CPUs when it has none
 * (SPDK's default thread mask is the application's core mask). Masks are lowercase hex without {@code 0x}.
 * {@code core_freq} (MHz) is reported for the reactors whose CPU the installed governor manages, and left out, as
 * SPDK does, when no governor is installed. A strand's {@code elapsed} counts from its arrival on its reactor, as
 * SPDK resets a thread's start when it is scheduled onto one. weft's internal strands (the balancing round's) are
 * not listed: SPDK's scheduler runs in the reactor, not as a thread.
 * {@code usr}, {@code sys} and {@code irq} are the reactor CPU's {@code /proc/stat} counters, as SPDK reports them;
 * since the kernel advances them once per jiffy (10 ms at the usual USER_HZ of 100) and generating the file costs
 * the kernel up to a millisecond, readings come from a {@link ProcStatCache}: reused for 250 ms, then replaced by
 * the one request that finds them stale while the others keep being served the last reading, never more than
 * 500 ms old, so the file is read at most 4 times a second, one read at a time.
 */
public final class SpdkMethods {

    /** weft's ticks are nanoseconds. */
    public static final long TICK_RATE = 1_000_000_000L;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long PID = ProcessHandle.current().pid();
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(.*)");

    private final ReactorGroup group;
    private final String version;
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    private final ProcStatCache procStats;
    private final Supplier<Optional<Governor>> governor;
    private final String defaultMask;

    private SpdkMethods(
            final ReactorGroup group,
            final String version,
            final Path procStat,
            final Supplier<Optional<Governor>> governor) {
        this.governor = Objects.requireNonNull(governor, "governor");
        this.group = Objects.requireNonNull(group, "group");
        this.version = Objects.requireNonNull(version, "version");
        this.procStats = ProcStatCache.of(Objects.requireNonNull(procStat, "procStat"));
        this.defaultMask = groupMask(group);
    }

    /**
     * Registers {@code framework_get_reactors}, {@code thread_get_stats}, {@code thread_get_pollers},
     * {@code framework_wait_init} and {@code spdk_get_version} on a registry.
     *
     * @param registry where to register them
     * @param group the running group they describe
     * @param version the version string {@code spdk_get_version} reports, for example {@code 0.1.0-SNAPSHOT}
     * @param procStat the {@code /proc/stat} file to read ({@link ProcStat#PROC_STAT}; tests pass a fixture)
     * @return the methods, whose {@link #initialized()} ends {@code framework_wait_init}'s wait
     */
    public static SpdkMethods register(
            final RpcRegistry registry, final ReactorGroup group, final String version, final Path procStat) {
        return register(registry, group, version, procStat, Optional::empty);
    }

    /**
     * Registers the same methods for a group whose frequencies a governor may set, so that
     * {@code framework_get_reactors} reports each managed reactor's {@code core_freq} while there is one.
     *
     * @param registry where to register them
     * @param group the running group they describe
     * @param version the version string {@code spdk_get_version} reports
     * @param procStat the {@code /proc/stat} file to read
     * @param governor the governor installed now, if any (the balancing round's), read at each request
     * @return the methods
     */
    public static SpdkMethods register(
            final RpcRegistry registry,
            final ReactorGroup group,
            final String version,
            final Path procStat,
            final Supplier<Optional<Governor>> governor) {
        final SpdkMethods methods = new SpdkMethods(group, version, procStat, governor);
        registry.runtimeStreaming("framework_get_reactors", methods::getReactors);
        registry.runtimeStreaming("thread_get_stats", methods::threadStats);
        registry.runtimeStreaming("thread_get_pollers", methods::threadPollers);
        registry.register("framework_wait_init", EnumSet.allOf(RpcState.class), methods::waitInit);
        registry.register("spdk_get_version", EnumSet.allOf(RpcState.class), methods::getVersion);
        return methods;
    }

    /**
     * Marks the runtime initialized: {@code framework_wait_init} calls waiting now, and later ones, answer
     * {@code true}.
     */
    public void initialized() {
        initialized.complete(null);
    }

    private OptionalLong coreFrequencyMhz(final Optional<Governor> installed, final int cpu) {
        if (installed.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(installed.get().currentFrequency(cpu) / 1000);
        } catch (final IllegalArgumentException notManaged) {
            return OptionalLong.empty();
        }
    }

    private ResultWriter getReactors(final JsonNode params) {
        Params.none("framework_get_reactors", params);
        return out -> {
            final ProcStat stat = procStats.get(System.nanoTime());
            final long now = System.nanoTime();
            final Optional<Governor> installed = governor.get();
            out.writeStartObject();
            Keys.number(out, Keys.TICK_RATE, TICK_RATE);
            Keys.number(out, Keys.PID, PID);
            Keys.array(out, Keys.REACTORS);
            for (final Reactor reactor : group.reactors()) {
                final ReactorStats stats = reactor.stats();
                final List<Strand> strands = reactor.strands();
                out.writeStartObject();
                Keys.number(out, Keys.LCORE, stats.cpu());
                Keys.number(out, Keys.TID, stats.threadId());
                Keys.number(out, Keys.BUSY, stats.busyNanos());
                Keys.number(out, Keys.IDLE, stats.idleNanos());
                Keys.number(out, Keys.IRQ, stat.irq().getOrDefault(stats.cpu(), 0L));
                Keys.number(out, Keys.SYS, stat.sys().getOrDefault(stats.cpu(), 0L));
                Keys.number(out, Keys.USR, stat.usr().getOrDefault(stats.cpu(), 0L));
                Keys.bool(out, Keys.IN_INTERRUPT, stats.effectiveMode() == ReactorMode.INTERRUPT);
                Keys.number(out, Keys.NUMA_ID, Math.max(0, reactor.numaNode()));
                final OptionalLong mhz = coreFrequencyMhz(installed, stats.cpu());
                if (mhz.isPresent()) {
                    Keys.number(out, Keys.CORE_FREQ, mhz.getAsLong());
                }
                Keys.array(out, Keys.LW_THREADS);
                final List<StrandStats> threads = stats.strands();
                for (int i = 0; i < threads.size(); i++) {
                    final StrandStats strand = threads.get(i);
                    final Strand found = find(strands, i, strand.id());
                    if (isInternal(found)) {
                        continue;
                    }
                    out.writeStartObject();
                    Keys.string(out, Keys.NAME, strand.name());
                    Keys.number(out, Keys.ID, strand.id());
                    Keys.string(out, Keys.CPUMASK, mask(found));
                    Keys.number(out, Keys.ELAPSED, Math.max(0, now - strand.arrivedNanos()));
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        };
    }

    private ResultWriter threadStats(final JsonNode params) {
        Params.none("thread_get_stats", params);
        return out -> {
            out.writeStartObject();
            Keys.number(out, Keys.TICK_RATE, TICK_RATE);
            Keys.array(out, Keys.THREADS);
            for (final Reactor reactor : group.reactors()) {
                final List<Strand> strands = reactor.strands();
                final List<StrandStats> threads = reactor.stats().strands();
                for (int i = 0; i < threads.size(); i++) {
                    final StrandStats strand = threads.get(i);
                    final Strand found = find(strands, i, strand.id());
                    if (isInternal(found)) {
                        continue;
                    }
                    int active = 0;
                    int timed = 0;
                    int paused = 0;
                    for (final TaskletStats tasklet : strand.tasklets()) {
                        if (tasklet.paused()) {
                            paused++;
                        } else if (tasklet.periodNanos() > 0) {
                            timed++;
                        } else {
                            active++;
                        }
                    }
                    out.writeStartObject();
                    Keys.string(out, Keys.NAME, strand.name());
                    Keys.number(out, Keys.ID, strand.id());
                    Keys.string(out, Keys.CPUMASK, mask(found));
                    Keys.number(out, Keys.BUSY, strand.busyNanos());
                    Keys.number(out, Keys.IDLE, strand.idleNanos());
                    Keys.number(out, Keys.ACTIVE_POLLERS_COUNT, active);
                    Keys.number(out, Keys.TIMED_POLLERS_COUNT, timed);
                    Keys.number(out, Keys.PAUSED_POLLERS_COUNT, paused);
                    out.writeEndObject();
                }
            }
            out.writeEndArray();
            out.writeEndObject();
        };
    }

    private ResultWriter threadPollers(final JsonNode params) {
        Params.none("thread_get_pollers", params);
        return out -> {
            out.writeStartObject();
            Keys.number(out, Keys.TICK_RATE, TICK_RATE);
            Keys.array(out, Keys.THREADS);
            for (final Reactor reactor : group.reactors()) {
                final List<Strand> strands = reactor.strands();
                final List<StrandStats> threads = reactor.stats().strands();
                for (int i = 0; i < threads.size(); i++) {
                    final StrandStats strand = threads.get(i);
                    if (isInternal(find(strands, i, strand.id()))) {
                        continue;
                    }
                    out.writeStartObject();
                    Keys.string(out, Keys.NAME, strand.name());
                    Keys.number(out, Keys.ID, strand.id());
                    writePollers(out, strand, PollerList.ACTIVE);
                    writePollers(out, strand, PollerList.TIMED);
                    writePollers(out, strand, PollerList.PAUSED);
                    out.writeEndObject();
                }
            }
            out.writeEndArray();
            out.writeEndObject();
        };
    }

    /** SPDK's three poller lists of a thread; a tasklet is in exactly one. */
    private enum PollerList {
        ACTIVE("active_pollers"),
        TIMED("timed_pollers"),
        PAUSED("paused_pollers");

        private final SerializableString key;

        PollerList(final String key) {
            this.key = new SerializedString(key);
        }

        static PollerList of(final TaskletStats tasklet) {
            return tasklet.paused() ? PAUSED : tasklet.periodNanos() > 0 ? TIMED : ACTIVE;
        }
    }

    private static void writePollers(final JsonGenerator out, final StrandStats strand, final PollerList list) {
        Keys.array(out, list.key);
        for (final TaskletStats tasklet : strand.tasklets()) {
            if (PollerList.of(tasklet) != list) {
                continue;
            }
            out.writeStartObject();
            Keys.string(out, Keys.NAME, tasklet.name());
            Keys.string(out, Keys.STATE, tasklet.paused() ? "paused" : "waiting");
            Keys.number(out, Keys.ID, tasklet.id());
            Keys.number(out, Keys.RUN_COUNT, tasklet.runs());
            Keys.number(out, Keys.BUSY_COUNT, tasklet.busyRuns());
            if (tasklet.periodNanos() > 0) {
                Keys.number(out, Keys.PERIOD_TICKS, tasklet.periodNanos());
            }
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** Waits for the runtime to start however long it takes, as SPDK does; SPDK ignores any params. */
    private JsonNode waitInit(final JsonNode params) {
        try {
            initialized.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(RpcError.INTERNAL_ERROR, "interrupted while waiting for the runtime to start");
        } catch (final ExecutionException e) {
            throw new RpcError(RpcError.INTERNAL_ERROR, "the runtime failed to start: " + e.getCause());
        }
        return BooleanNode.TRUE;
    }

    private JsonNode getVersion(final JsonNode params) {
        Params.none("spdk_get_version", params);
        final ObjectNode result = JSON.objectNode();
        result.put("version", "weft v" + version);
        final ObjectNode fields = result.putObject("fields");
        final Matcher matcher = VERSION.matcher(version);
        if (matcher.matches()) {
            fields.put("major", Integer.parseInt(matcher.group(1)));
            fields.put("minor", Integer.parseInt(matcher.group(2)));
            fields.put("patch", matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)));
            fields.put("suffix", matcher.group(4));
        } else {
            fields.put("major", 0);
            fields.put("minor", 0);
            fields.put("patch", 0);
            fields.put("suffix", version);
        }
        return result;
    }

    private static String groupMask(final ReactorGroup group) {
        final CpuSet.Builder builder = new CpuSet.Builder();
        for (final Reactor reactor : group.reactors()) {
            builder.add(reactor.cpu());
        }
        return builder.build().toMask();
    }

    /**
     * Finds the strand a reactor's stats describe at {@code index}: the stats and the strand list are read from the
     * same array at nearly the same time, so the strand is almost always at the same index; a strand added or moved
     * between the two reads is found by a scan instead, or not at all (null) if it has left the reactor.
     */
    private static Strand find(final List<Strand> strands, final int index, final long id) {
        if (index < strands.size() && strands.get(index).id() == id) {
            return strands.get(index);
        }
        for (final Strand strand : strands) {
            if (strand.id() == id) {
                return strand;
            }
        }
        return null;
    }

    /** weft's own strands (the balancing round's) are no SPDK threads: SPDK's scheduler runs in the reactor. */
    private static boolean isInternal(final Strand strand) {
        return strand != null && strand.isInternal();
    }

    private String mask(final Strand strand) {
        final Optional<CpuSet> own = strand == null ? Optional.empty() : strand.cpuMask();
        return own.isPresent() ? own.get().toMask() : defaultMask;
    }
}
