package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The proxy's counting rests on finding where each request ends, whatever frames its body. */
class RequestHeadTest {
    @Test
    void requestsOnOneConnectionAreEachFoundAndPassedOnByteForByte() throws IOException {
        String stream = "GET /v1/health/service/db?index=7&wait=60000ms HTTP/1.1\r\nHost: c\r\n\r\n"
                + "PUT /v1/agent/service/register HTTP/1.1\r\ncontent-length: 11\r\n\r\n{\"ID\":\"a\"}\n"
                + "PUT /v1/kv/k HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + "PUT /v1/agent/check/update/c HTTP/1.1\r\nContent-Length: 0\r\n\r\n";
        InputStream in = new ByteArrayInputStream(stream.getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> found = new ArrayList<>();
        for (Optional<RequestHead> head = RequestHead.read(in); head.isPresent(); head = RequestHead.read(in)) {
            found.add(head.get().method() + " " + head.get().target());
            head.get().forward(in, out);
        }
        assertThat(found).containsExactly("GET /v1/health/service/db?index=7&wait=60000ms",
                "PUT /v1/agent/service/register", "PUT /v1/kv/k", "PUT /v1/agent/check/update/c");
        assertThat(out.toByteArray()).isEqualTo(stream.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aStreamCutInsideABodyIsAnError() {
        InputStream in = new ByteArrayInputStream("PUT /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> RequestHead.read(in).orElseThrow().forward(in, new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class).hasMessageContaining("7 bytes before the end of a body");
    }
}
