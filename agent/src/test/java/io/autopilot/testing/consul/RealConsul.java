package io.autopilot.testing.consul;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class gets one real Consul dev agent, started before its first test and killed after its last: declare a
 * {@link ConsulAgent} parameter on a test, a lifecycle method or the constructor. Tests that restart it get it back
 * empty on the same address. Without a Consul binary Consul runs in Docker; without either the class is skipped,
 * saying why. {@code @RealConsul(Where.DOCKER)} runs it in Docker even where there is a binary.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ConsulExtension.class)
public @interface RealConsul {
    /** Where the agent runs. */
    Where value() default Where.CHOSEN;

    enum Where {
        /** The binary if there is one, else Docker: what this JVM chose ({@link TestConsul#dev()}). */
        CHOSEN,
        /** A container, through Testcontainers ({@link TestConsul#devInDocker()}). */
        DOCKER
    }
}
