package io.autopilot.testing.consul;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Consul's HTTP API as the tests read and change it, behind the client under test's back: plain blocking JDK HTTP,
 * nothing shared with the code being tested.
 */
public final class ConsulApi {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Optional<String> token;

    ConsulApi(String baseUrl, Optional<String> token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The answer's status and body. */
    public record Answer(int status, String body) {
        public JsonArray array() {
            return new JsonArray(body);
        }

        public JsonObject object() {
            return new JsonObject(body);
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer put(String path, String body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The agent's view of one local service ({@code /v1/agent/service/<id>}), or empty when it has none. */
    public Optional<JsonObject> agentService(String id) {
        Answer answer = get("/v1/agent/service/" + id);
        return answer.status() == 200 ? Optional.of(answer.object()) : Optional.empty();
    }

    /** The agent's local check with this ID ({@code /v1/agent/checks}), or empty. */
    public Optional<JsonObject> agentCheck(String checkId) {
        return Optional.ofNullable(get("/v1/agent/checks").object().getJsonObject(checkId));
    }

    /** Registers a service with a TTL check as another program would, straight through the API. */
    public void registerTtlService(String id, String name, int port, String status) {
        requireOk(put("/v1/agent/service/register", new JsonObject().put("ID", id).put("Name", name)
                .put("Port", port).put("Address", "127.0.0.1")
                .put("Check", new JsonObject().put("TTL", "60s").put("Status", status)).encode()));
    }

    public void deregister(String id) {
        requireOk(put("/v1/agent/service/deregister/" + id, ""));
    }

    public void putKey(String key, String value) {
        requireOk(put("/v1/kv/" + key, value));
    }

    public void deleteKey(String key) {
        requireOk(send(request("/v1/kv/" + key).DELETE()));
    }

    private static void requireOk(Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("Consul answered " + answer.status() + ": " + answer.body());
        }
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        token.ifPresent(t -> builder.header("X-Consul-Token", t));
        return builder;
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Consul did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
