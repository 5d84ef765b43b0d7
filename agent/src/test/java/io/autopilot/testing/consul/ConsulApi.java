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
 * nothing shared with the code being tested. Each call has a JDK client of its own, closed with its connection when
 * the call is done, so that a test counting the connections this JVM holds to Consul sees only the client's.
 */
public final class ConsulApi {

    private final String baseUrl;
    private final Optional<String> token;

    ConsulApi(String baseUrl, Optional<String> token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The API of a Consul the test did not start (one in a compose project), at {@code host:port}, without ACLs. */
    public static ConsulApi at(String hostPort) {
        return new ConsulApi("http://" + hostPort, Optional.empty());
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

    /**
     * Registers {@code count} passing instances of {@code service} in the catalog, a hundred per node, with tags, meta
     * and a check each, as a large fleet looks: through transactions of at most 64 operations (Consul's limit), so
     * thousands take seconds rather than minutes.
     */
    public void registerInstances(String service, int count) {
        JsonArray operations = new JsonArray();
        for (int i = 0; i < count; i++) {
            String node = service + "-node-" + (i / 100);
            if (i % 100 == 0 || operations.size() > 61) {
                commit(operations);
                operations.add(new JsonObject().put("Node", new JsonObject().put("Verb", "set").put("Node",
                        new JsonObject().put("Node", node).put("Address", "10.1." + (i / 100) % 250 + ".1")
                                .put("Meta", new JsonObject().put("rack", "r" + i % 7)))));
            }
            String id = service + "-" + i;
            operations.add(new JsonObject().put("Service", new JsonObject().put("Verb", "set").put("Node", node)
                    .put("Service", new JsonObject().put("ID", id).put("Service", service)
                            .put("Address", "10.0." + (i / 250) % 250 + "." + i % 250).put("Port", 8080)
                            .put("Tags", new JsonArray().add("v1").add("blue"))
                            .put("Meta", new JsonObject().put("version", "1.2.3").put("zone", "a")))));
            operations.add(new JsonObject().put("Check", new JsonObject().put("Verb", "set").put("Check",
                    new JsonObject().put("Node", node).put("CheckID", id + "-ttl").put("Name", "ttl")
                            .put("Status", "passing").put("ServiceID", id).put("Output", "ok"))));
        }
        commit(operations);
    }

    private void commit(JsonArray operations) {
        if (!operations.isEmpty()) {
            requireOk(put("/v1/txn", operations.encode()));
            operations.clear();
        }
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
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Consul did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
