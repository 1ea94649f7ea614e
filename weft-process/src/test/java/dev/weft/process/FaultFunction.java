package dev.weft.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A task function for tests whose behaviour is chosen by its input's {@code mode}: {@code ok} (return {@code {"echo":
 * input.value, "pid": <pid>}}), {@code throw}, {@code exit} (System.exit 7), {@code halt} (Runtime.halt 9) (both say so
 * on stderr first), {@code spawn} (start each command of {@code commands}, an array of argument arrays, wait until it
 * runs its program (past {@code setsid}), then halt 9), {@code hang} (block for ever), {@code garbage} (write text on
 * the real stdout, corrupting the protocol), {@code spin} (busy for {@code ms} milliseconds, then ok), {@code print}
 * (System.out text, then ok).
 */
public final class FaultFunction implements TaskFunction {

    /** Creates the function. */
    public FaultFunction() {}

    @Override
    public JsonNode apply(final JsonNode input) throws Exception {
        final String mode = input.path("mode").asString("ok");
        switch (mode) {
            case "throw" ->
                throw new IllegalStateException(
                        "fault injected: " + input.path("value").asString(""));
            case "exit" -> {
                System.err.println("about to exit");
                System.exit(7);
            }
            case "halt" -> {
                System.err.println("about to halt");
                Runtime.getRuntime().halt(9);
            }
            case "hang" -> new CountDownLatch(1).await();
            case "spawn" -> {
                for (final JsonNode command : input.path("commands")) {
                    final List<String> argv = new ArrayList<>();
                    command.forEach(argument -> argv.add(argument.asString()));
                    final Process child = new ProcessBuilder(argv)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    final String program = "/" + argv.get("setsid".equals(argv.getFirst()) ? 1 : 0);
                    while (child.isAlive() && !child.info().command().orElse("").endsWith(program)) {
                        Thread.onSpinWait();
                    }
                }
                Runtime.getRuntime().halt(9);
            }
            case "garbage" -> writeGarbage();
            case "spin" -> {
                final long until = System.nanoTime() + input.path("ms").asLong(0) * 1_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            case "print" -> System.out.println("printed by the function, must not break the protocol");
            default -> {}
        }
        return JsonNodeFactory.instance
                .objectNode()
                .put("pid", ProcessHandle.current().pid())
                .set("echo", input.path("value"));
    }

    private static void writeGarbage() throws IOException, InterruptedException {
        final FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        out.write("this is not a frame\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        new CountDownLatch(1).await();
    }
}
