package io.autopilot.templates;

/**
 * A function templates can call by name: it receives the evaluated arguments (with a piped value last, as in Go) and
 * returns a value. Go functions may return a trailing error; here the function throws instead. An
 * {@link ArgumentException} is reported as it is worded; any other exception becomes
 * {@code error calling NAME: message}, as Go words a returned error.
 */
@FunctionalInterface
public interface TemplateFunction {
    Object apply(Object... args) throws Exception;
}
