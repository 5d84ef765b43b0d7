package io.autopilot.process;

/** A C call failed with an error number; turned into a {@link SpawnResult.Failed} before it leaves the package. */
final class NativeError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String call;
    final int errno;

    NativeError(String call, int errno) {
        super(call + " failed with errno " + errno, null, false, false);
        this.call = call;
        this.errno = errno;
    }

    /** For the posix_spawn family, which returns the error number instead of setting errno. */
    static void check(String call, int result) {
        if (result != 0) throw new NativeError(call, result);
    }
}
