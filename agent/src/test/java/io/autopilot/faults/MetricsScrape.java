package io.autopilot.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One scrape of the agent's {@code /metrics}, read as Prometheus text: a case compares two scrapes to count the Consul
 * calls the agent made, and those that failed, during a fault.
 */
record MetricsScrape(List<String> lines) {
    static MetricsScrape scrape(int port) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return new MetricsScrape(body.lines().filter(line -> !line.startsWith("#")).toList());
        } catch (IOException e) {
            throw new IllegalStateException("no metrics from the agent: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels} ({@code a="b"}). */
    long sum(String name, String... labels) {
        return lines.stream().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Consul calls of {@code operation} ({@code check}, {@code register}, {@code watch}) made so far. */
    long requests(String operation) {
        return sum("autopilot_consul_requests_total", "operation=\"" + operation + "\"");
    }

    /** Consul calls of {@code operation} that failed so far, whatever the reason. */
    long errors(String operation) {
        return sum("autopilot_consul_request_errors_total", "operation=\"" + operation + "\"");
    }
}
