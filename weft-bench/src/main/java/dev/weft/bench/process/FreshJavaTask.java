package dev.weft.bench.process;

import dev.weft.workloads.process.EchoTask;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The anchor a user would pick without a worker pool: one fresh {@code java} process per task. Reads the input JSON
 * from stdin, runs {@link EchoTask} and prints {@code {"type":"echo","data":...}} on stdout, as a command task would.
 */
public final class FreshJavaTask {

    private FreshJavaTask() {}

    /**
     * Runs one task.
     *
     * @param args ignored
     * @throws IOException if stdin cannot be read
     */
    public static void main(final String[] args) throws IOException {
        final JsonMapper json = JsonMapper.builder().build();
        final JsonNode input = json.readTree(System.in.readAllBytes());
        System.out.println(json.createObjectNode().put("type", "echo").set("data", new EchoTask().apply(input)));
    }
}
