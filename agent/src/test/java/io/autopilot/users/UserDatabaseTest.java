package io.autopilot.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and groups read from passwd and group files as a container has them. */
class UserDatabaseTest {
    @TempDir
    Path folder;
    private UserDatabase database;

    @BeforeEach
    void files() throws IOException {
        Path passwd = Files.writeString(folder.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/bash
                # a comment, then a line with a bad id, both skipped
                broken:x:abc:1::/:/bin/sh
                app:x:1000:1000:The App:/home/app:/bin/sh
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """);
        Path group = Files.writeString(folder.resolve("group"), """
                root:x:0:
                adm:x:4:app
                app:x:1000:
                audio:x:29:other,app
                video:x:44:other
                nogroup:x:65534:
                """);
        database = new UserDatabase(passwd, group);
    }

    @Test
    void aNameGivesItsIdsHomeAndEveryGroupListingIt() throws UnknownAccount {
        assertThat(database.resolve(new RunAs("app", Optional.empty())))
                .isEqualTo(new Account("app", 1000, 1000, List.of(1000, 4, 29), "/home/app"));
    }

    @Test
    void aGroupGivenReplacesThePrimaryGroupButNotTheMemberships() throws UnknownAccount {
        assertThat(database.resolve(new RunAs("app", Optional.of("video"))))
                .isEqualTo(new Account("app", 1000, 44, List.of(44, 4, 29), "/home/app"));
        assertThat(database.resolve(new RunAs("app", Optional.of("77"))).groups()).containsExactly(77, 4, 29);
    }

    @Test
    void aNumberWithAnEntryIsThatEntry() throws UnknownAccount {
        assertThat(database.resolve(new RunAs("65534", Optional.empty())))
                .isEqualTo(new Account("nobody", 65534, 65534, List.of(65534), "/nonexistent"));
    }

    @Test
    void aNumberWithoutAnEntryNeedsAGroupAndHasNoHome() throws UnknownAccount {
        assertThat(database.resolve(new RunAs("4321", Optional.of("4322"))))
                .isEqualTo(new Account("4321", 4321, 4322, List.of(4322), "/"));
        assertThatThrownBy(() -> database.resolve(new RunAs("4321", Optional.empty())))
                .hasMessageContaining("user 4321 is not in " + folder.resolve("passwd") + ", so its group is unknown");
    }

    @Test
    void unknownNamesAreNamedWithTheFileSearched() {
        assertThatThrownBy(() -> database.resolve(new RunAs("ghost", Optional.empty())))
                .hasMessage("no user \"ghost\" in " + folder.resolve("passwd"))
                .extracting(e -> ((UnknownAccount) e).key()).isEqualTo(UnknownAccount.Key.USER);
        assertThatThrownBy(() -> database.resolve(new RunAs("app", Optional.of("ghosts"))))
                .hasMessage("no group \"ghosts\" in " + folder.resolve("group"))
                .extracting(e -> ((UnknownAccount) e).key()).isEqualTo(UnknownAccount.Key.GROUP);
    }

    @Test
    void aMissingFileHasNoUsers() {
        var empty = new UserDatabase(folder.resolve("none"), folder.resolve("none"));

        assertThatThrownBy(() -> empty.resolve(new RunAs("app", Optional.empty()))).hasMessageContaining("no user");
    }
}
