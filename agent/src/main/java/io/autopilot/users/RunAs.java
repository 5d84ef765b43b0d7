package io.autopilot.users;

import io.autopilot.decode.Fields;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A job's {@code user} and {@code group} as written: each a name or a number. A number needs no entry in the user
 * database (as with {@code docker run --user 1000:1000}); a name does.
 */
public record RunAs(String user, Optional<String> group) {
    /** The highest id accepted: ids travel as Java ints. */
    public static final long MAX_ID = Integer.MAX_VALUE;

    /** The user id, when {@code user} is a number. */
    public OptionalInt uid() {
        return id(user);
    }

    /** The group id, when {@code group} is a number. */
    public OptionalInt gid() {
        return group.map(RunAs::id).orElse(OptionalInt.empty());
    }

    static boolean isId(long id) {
        return id >= 0 && id <= MAX_ID;
    }

    /**
     * Reads {@code user} and {@code group} of a job; empty without {@code user}. Only the form is checked here:
     * whether the user exists is for {@link #check} against the user database.
     */
    public static Optional<RunAs> decode(Fields job) {
        Optional<String> user = job.string("user").map(String::trim);
        Optional<String> group = job.string("group").map(String::trim);
        if (group.isPresent() && user.isEmpty()) {
            job.problem("group", "needs \"user\": a job runs as the agent's own user unless \"user\" is set");
        }
        user.filter(name -> !wellFormed(name)).ifPresent(name -> job.problem("user", problem(name)));
        group.filter(name -> !wellFormed(name)).ifPresent(name -> job.problem("group", problem(name)));
        if (user.isEmpty() || !wellFormed(user.get()) || !group.map(RunAs::wellFormed).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(new RunAs(user.get(), group));
    }

    /** Resolves the decoded user against {@code database}, as a problem of {@code job} when it is not there. */
    public static void check(Fields job, Optional<RunAs> runAs, UserDatabase database) {
        if (runAs.isEmpty()) return;
        try {
            database.resolve(runAs.get());
        } catch (UnknownAccount e) {
            job.problem(e.key() == UnknownAccount.Key.GROUP ? "group" : "user", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return user + group.map(g -> ":" + g).orElse("");
    }

    private static String problem(String name) {
        return "'" + name + "' is neither a name (no ':', ',', space or control character) nor an id from 0 to "
                + MAX_ID;
    }

    private static boolean wellFormed(String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c == ':' || c == ',' || c <= ' ' || c == 0x7f)) return false;
        return !name.chars().allMatch(Character::isDigit) || id(name).isPresent();
    }

    private static OptionalInt id(String text) {
        if (!text.matches("\\d{1,10}")) return OptionalInt.empty();
        long id = Long.parseLong(text);
        return isId(id) ? OptionalInt.of((int) id) : OptionalInt.empty();
    }
}
