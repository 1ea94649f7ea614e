package dev.weft.process;

/** A public class that does not implement {@link TaskFunction}, to test rejection at submit. */
public final class NotAFunction {

    /** Creates the object. */
    public NotAFunction() {}
}
