package io.autopilot.users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The users and groups of {@code /etc/passwd} and {@code /etc/group}, read at each lookup so that a user changed at
 * run time (an entrypoint's {@code usermod}) is seen by the next spawn. These two files are the user database of a
 * container: the C library's other sources (LDAP, sssd, systemd's) need daemons and modules that images do not ship,
 * and reading the files keeps a lookup free of network waits and of C calls that are not thread safe. Each file is
 * read whole, up to {@value #MAX_FILE_BYTES} bytes.
 */
public record UserDatabase(Path passwd, Path group) {
    /** The container's own files. */
    public static final UserDatabase SYSTEM = new UserDatabase(Path.of("/etc/passwd"), Path.of("/etc/group"));
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private record Entry(String name, long id, long gid, String home, List<String> members) {}

    /**
     * Resolves {@code runAs}: a name, or a number with or without an entry. The supplementary groups are the primary
     * group and every group that lists the user's name as a member, as {@code initgroups} makes them.
     */
    public Account resolve(RunAs runAs) throws UnknownAccount {
        List<Entry> users = read(passwd, UnknownAccount.Key.USER);
        Optional<Entry> user = runAs.uid().isPresent()
                ? users.stream().filter(u -> u.id() == runAs.uid().getAsInt()).findFirst()
                : users.stream().filter(u -> u.name().equals(runAs.user())).findFirst();
        if (user.isEmpty() && runAs.uid().isEmpty()) {
            throw new UnknownAccount(UnknownAccount.Key.USER, "no user \"" + runAs.user() + "\" in " + passwd);
        }
        if (user.isPresent() && !(RunAs.isId(user.get().id()) && RunAs.isId(user.get().gid()))) {
            throw new UnknownAccount(UnknownAccount.Key.USER, "user \"" + runAs.user() + "\" has an id above "
                    + RunAs.MAX_ID + " in " + passwd);
        }
        List<Entry> groups = runAs.group().isPresent() || user.isPresent()
                ? read(group, UnknownAccount.Key.GROUP) : List.of();
        int gid = primaryGroup(runAs, user, groups);
        Set<Integer> supplementary = new LinkedHashSet<>();
        supplementary.add(gid);
        user.ifPresent(u -> groups.stream().filter(g -> g.members().contains(u.name()) && RunAs.isId(g.id()))
                .forEach(g -> supplementary.add((int) g.id())));
        String name = user.map(Entry::name).orElse(runAs.user());
        int uid = user.map(u -> (int) u.id()).orElseGet(() -> runAs.uid().getAsInt());
        return new Account(name, uid, gid, List.copyOf(supplementary), user.map(Entry::home).orElse("/"));
    }

    private int primaryGroup(RunAs runAs, Optional<Entry> user, List<Entry> groups) throws UnknownAccount {
        if (runAs.group().isEmpty()) {
            if (user.isEmpty()) {
                throw new UnknownAccount(UnknownAccount.Key.USER, "user " + runAs.user() + " is not in " + passwd
                        + ", so its group is unknown: give \"group\" too");
            }
            return (int) user.get().gid();
        }
        if (runAs.gid().isPresent()) {
            return runAs.gid().getAsInt();
        }
        String name = runAs.group().get();
        return groups.stream().filter(g -> g.name().equals(name) && RunAs.isId(g.id())).findFirst()
                .map(g -> (int) g.id())
                .orElseThrow(() -> new UnknownAccount(UnknownAccount.Key.GROUP, "no group \"" + name + "\" in "
                        + group));
    }

    // Lines that do not parse (comments, NIS "+" entries, a bad id) are skipped, as the C library skips them.
    private static List<Entry> read(Path file, UnknownAccount.Key key) throws UnknownAccount {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UnknownAccount(key, file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UnknownAccount(key, "cannot read " + file + ": " + e);
        }
        List<Entry> entries = new ArrayList<>();
        boolean isPasswd = key == UnknownAccount.Key.USER;
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (fields.length < (isPasswd ? 7 : 4) || fields[0].isEmpty()) continue;
            Optional<Long> id = number(fields[2]);
            Optional<Long> gid = isPasswd ? number(fields[3]) : id;
            if (id.isEmpty() || gid.isEmpty()) continue;
            List<String> members = isPasswd || fields[3].isEmpty() ? List.of() : List.of(fields[3].split(","));
            entries.add(new Entry(fields[0], id.get(), gid.get(), isPasswd ? fields[5] : "", members));
        }
        return entries;
    }

    private static Optional<Long> number(String text) {
        return text.matches("\\d{1,10}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }
}
