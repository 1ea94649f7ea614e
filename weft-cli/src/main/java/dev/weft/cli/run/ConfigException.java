package dev.weft.cli.run;

/**
 * A {@code weft run} configuration that cannot be used, with the path of the offending field
 * (for example {@code strands[1].tasklets[0]}) at the start of its message.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The path of the field that is wrong. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param path the path of the offending field, {@code $} for the whole document
     * @param problem what is wrong with it
     */
    public ConfigException(final String path, final String problem) {
        super("config field " + path + ": " + problem);
        this.path = path;
    }

    /**
     * Returns the path of the offending field.
     *
     * @return the path, for example {@code reactors.count}
     */
    public String path() {
        return path;
    }
}
