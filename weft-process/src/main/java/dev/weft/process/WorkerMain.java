package dev.weft.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The main class of a worker process: a JVM started by {@link ProcessScheduler} on the same class path, which runs
 * {@link TaskFunction}s one at a time on request.
 *
 * <p><b>Implementation overview.</b> The worker keeps its real stdout for the wire protocol ({@link Frames}) and
 * points {@code System.out} at stderr, so a function's prints cannot corrupt the protocol. It first writes a
 * {@code {"op":"ready","pid":...,"protocol":1}} frame (the start handshake), then loops: read a
 * {@code {"op":"run","id","type","function","input"}} frame from stdin, run the function on this thread, write
 * {@code {"op":"result","id","type","data"}} or {@code {"op":"error","id","error","trace"}}. It exits with status 0
 * at end of stdin (the scheduler closed it, or died), with status 3 on a protocol violation, and halts at once when
 * its parent process ends, which a daemon thread watches through {@link ProcessHandle#onExit()}: a worker stuck in a
 * function would otherwise never see its stdin close. So a worker never outlives its scheduler, even when the
 * scheduler's JVM is killed with SIGKILL.
 */
public final class WorkerMain {

    /** The protocol version sent in the handshake. */
    static final int PROTOCOL = 1;

    /** Exit status for a protocol violation on stdin. */
    static final int EXIT_PROTOCOL = 3;

    /** Exit status when the parent process is gone. */
    static final int EXIT_ORPHANED = 4;

    private WorkerMain() {}

    /**
     * Runs the worker.
     *
     * @param args {@code --parent <pid>}: the scheduler's pid to watch (optional; without it, only end of stdin stops
     *     the worker)
     * @throws IOException if stdout fails (the scheduler is gone)
     */
    public static void main(final String[] args) throws IOException {
        final OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        parentPid(args).ifPresent(WorkerMain::watchParent);
        final JsonMapper json = JsonMapper.builder().build();
        final FunctionLoader functions = new FunctionLoader(WorkerMain.class.getClassLoader());
        final DataInputStream in =
                new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        final ObjectNode ready = json.createObjectNode()
                .put("op", "ready")
                .put("pid", ProcessHandle.current().pid())
                .put("protocol", PROTOCOL);
        Frames.write(protocolOut, json.writeValueAsBytes(ready));
        while (true) {
            final byte[] frame;
            try {
                frame = Frames.read(in);
            } catch (final IOException e) {
                System.err.println("weft worker: " + e.getMessage());
                System.exit(EXIT_PROTOCOL);
                return;
            }
            if (frame == null) {
                System.exit(0);
                return;
            }
            final JsonNode request;
            try {
                request = json.readTree(frame);
            } catch (final JacksonException e) {
                System.err.println("weft worker: request is not JSON: " + e.getOriginalMessage());
                System.exit(EXIT_PROTOCOL);
                return;
            }
            byte[] reply = json.writeValueAsBytes(handle(json, functions, request));
            if (reply.length > Frames.MAX_FRAME) {
                reply = json.writeValueAsBytes(json.createObjectNode()
                        .put("op", "error")
                        .put("id", request.path("id").asLong(-1))
                        .put(
                                "error",
                                "result of " + reply.length + " bytes is larger than the " + Frames.MAX_FRAME
                                        + " bytes a frame can carry")
                        .put("trace", ""));
            }
            Frames.write(protocolOut, reply);
        }
    }

    private static ObjectNode handle(final JsonMapper json, final FunctionLoader functions, final JsonNode request) {
        final long id = request.path("id").asLong(-1);
        final String type = request.path("type").asString("");
        final ObjectNode reply = json.createObjectNode().put("id", id);
        if (!"run".equals(request.path("op").asString(""))) {
            return reply.put("op", "error")
                    .put("error", "unknown op " + request.path("op"))
                    .put("trace", "");
        }
        try {
            final TaskFunction function =
                    functions.instance(request.path("function").asString(""));
            final JsonNode input = request.hasNonNull("input") ? request.get("input") : NullNode.getInstance();
            final JsonNode data = function.apply(input);
            reply.put("op", "result").put("type", type);
            reply.set("data", data == null ? NullNode.getInstance() : data);
            return reply;
        } catch (final Throwable e) {
            final StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return reply.put("op", "error").put("error", String.valueOf(e)).put("trace", trace.toString());
        }
    }

    private static Optional<Long> parentPid(final String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if ("--parent".equals(args[i])) {
                return Optional.of(Long.parseLong(args[i + 1]));
            }
        }
        return Optional.empty();
    }

    private static void watchParent(final long pid) {
        final Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty()) {
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }
        parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(EXIT_ORPHANED));
    }
}
