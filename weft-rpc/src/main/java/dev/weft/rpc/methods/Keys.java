package dev.weft.rpc.methods;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * The member names of SPDK's polled read methods ({@link SpdkMethods}), each encoded once.
 *
 * <p>A {@link SerializedString} keeps its name's quoted UTF-8 bytes, so writing it copies bytes, where writing a
 * {@code String} name checks and escapes it character by character in every response; a
 * {@code framework_get_reactors} answer has some forty names. The helpers write a name and its value together.
 */
final class Keys {

    static final SerializableString ACTIVE_POLLERS_COUNT = new SerializedString("active_pollers_count");
    static final SerializableString BUSY = new SerializedString("busy");
    static final SerializableString BUSY_COUNT = new SerializedString("busy_count");
    static final SerializableString CORE_FREQ = new SerializedString("core_freq");
    static final SerializableString CPUMASK = new SerializedString("cpumask");
    static final SerializableString ELAPSED = new SerializedString("elapsed");
    static final SerializableString ID = new SerializedString("id");
    static final SerializableString IDLE = new SerializedString("idle");
    static final SerializableString IN_INTERRUPT = new SerializedString("in_interrupt");
    static final SerializableString IRQ = new SerializedString("irq");
    static final SerializableString LCORE = new SerializedString("lcore");
    static final SerializableString LW_THREADS = new SerializedString("lw_threads");
    static final SerializableString NAME = new SerializedString("name");
    static final SerializableString NUMA_ID = new SerializedString("numa_id");
    static final SerializableString PAUSED_POLLERS_COUNT = new SerializedString("paused_pollers_count");
    static final SerializableString PERIOD_TICKS = new SerializedString("period_ticks");
    static final SerializableString PID = new SerializedString("pid");
    static final SerializableString REACTORS = new SerializedString("reactors");
    static final SerializableString RUN_COUNT = new SerializedString("run_count");
    static final SerializableString STATE = new SerializedString("state");
    static final SerializableString SYS = new SerializedString("sys");
    static final SerializableString THREADS = new SerializedString("threads");
    static final SerializableString TICK_RATE = new SerializedString("tick_rate");
    static final SerializableString TID = new SerializedString("tid");
    static final SerializableString TIMED_POLLERS_COUNT = new SerializedString("timed_pollers_count");
    static final SerializableString USR = new SerializedString("usr");

    private Keys() {}

    /** Writes a name and a number. */
    static void number(final JsonGenerator out, final SerializableString name, final long value) {
        out.writeName(name);
        out.writeNumber(value);
    }

    /** Writes a name and a string. */
    static void string(final JsonGenerator out, final SerializableString name, final String value) {
        out.writeName(name);
        out.writeString(value);
    }

    /** Writes a name and a boolean. */
    static void bool(final JsonGenerator out, final SerializableString name, final boolean value) {
        out.writeName(name);
        out.writeBoolean(value);
    }

    /** Writes a name and opens its array. */
    static void array(final JsonGenerator out, final SerializableString name) {
        out.writeName(name);
        out.writeStartArray();
    }
}
