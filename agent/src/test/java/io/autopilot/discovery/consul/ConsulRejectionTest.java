package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only Consul saying it has no such check makes us register again; other errors must not. */
class ConsulRejectionTest {
    private static ConsulRejection answer(int status, String body) {
        return new ConsulRejection("PUT /v1/agent/check/update/service:web", status, body);
    }

    @Test
    void consul18sAnswerForALostTtlCheckIsAnUnknownCheck() {
        assertThat(answer(500, "CheckID \"service:web\" does not have associated TTL").isUnknownCheck()).isTrue();
    }

    @Test
    void consul18sAnswerWithAclsOnIsAnUnknownCheck() {
        assertThat(answer(500, "Unknown check \"service:web\"").isUnknownCheck()).isTrue();
    }

    @Test
    void notFoundAsLaterConsulVersionsAnswerIsAnUnknownCheck() {
        assertThat(answer(404, "Unknown check ID \"service:web\"").isUnknownCheck()).isTrue();
    }

    @Test
    void otherServerErrorsAreNotAnUnknownCheck() {
        assertThat(answer(500, "No cluster leader").isUnknownCheck()).isFalse();
        assertThat(answer(403, "Permission denied").isUnknownCheck()).isFalse();
    }
}
