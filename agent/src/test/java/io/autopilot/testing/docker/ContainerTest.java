package io.autopilot.testing.docker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (class or method) that runs real Docker containers: tagged {@value #TAG}, which scripts/test-containers.sh
 * selects ({@code -Dgroups=containers}) and scripts/test.sh leaves out only where no daemon can be had, saying why.
 * Without a daemon the test is skipped with {@code docker info}'s answer, or fails when the environment says
 * {@code AUTOPILOT_CONTAINERS=required} (the scripts set it once they have a daemon, so a lost daemon is a failure).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(ContainerTest.TAG)
@ExtendWith(DockerExtension.class)
public @interface ContainerTest {
    String TAG = "containers";
}
