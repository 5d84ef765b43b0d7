package io.autopilot.health;

import io.autopilot.decode.Fields;
import io.autopilot.decode.Node;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code health.http}: healthy when a request to {@code url} answers, within the check's timeout, with a status in
 * {@code status}. Written as the URL alone, or as an object with the other keys.
 *
 * @param headers sent with the request, each name with one or more values
 * @param verifyTls whether an {@code https} server's certificate and host name are verified ({@code tlsSkipVerify}
 *     turns it off, as Consul's {@code tls_skip_verify})
 */
public record HttpCheckConfig(URI url, String method, Map<String, List<String>> headers, StatusCodes status,
                              boolean verifyTls) implements CheckConfig {
    public HttpCheckConfig {
        headers = Map.copyOf(headers);
    }

    static Optional<CheckConfig> decode(Fields fields, String key) {
        Optional<Node> node = fields.node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof Node.ObjectNode) {
            return fields.object(key, (http, path) -> decodeObject(http)).flatMap(c -> c);
        }
        return fields.string(key).flatMap(text -> url(fields, key, text))
                .map(url -> new HttpCheckConfig(url, "GET", Map.of(), StatusCodes.SUCCESS, true));
    }

    private static Optional<CheckConfig> decodeObject(Fields http) {
        Optional<URI> url = http.requiredString("url").flatMap(text -> url(http, "url", text));
        String method = http.string("method", "GET").trim().toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            http.problem("method", "\"" + method + "\" is not an HTTP method such as GET or HEAD");
        }
        Map<String, List<String>> headers = headers(http);
        Optional<StatusCodes> status = status(http);
        boolean verifyTls = !http.bool("tlsSkipVerify", false);
        if (url.isEmpty() || status.isEmpty() || !method.matches("[A-Z]+")) {
            return Optional.empty();
        }
        return Optional.of(new HttpCheckConfig(url.get(), method, headers, status.get(), verifyTls));
    }

    private static Optional<URI> url(Fields fields, String key, String text) {
        try {
            URI url = new URI(text.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                return Optional.of(url);
            }
        } catch (URISyntaxException e) {
            fields.problem(key, "\"" + text + "\" is not a URL: " + e.getReason());
            return Optional.empty();
        }
        fields.problem(key, "\"" + text + "\" is not an http:// or https:// URL with a host");
        return Optional.empty();
    }

    // Header names are the user's own, so they are read from the raw node: marking them as keys would ask the schema
    // to know them.
    private static Map<String, List<String>> headers(Fields http) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        http.node("headers").ifPresent(node -> {
            if (!(node instanceof Node.ObjectNode object)) {
                http.problem("headers", "must be an object of header names and values, not " + node.kind());
                return;
            }
            object.fields().forEach((name, value) -> headerValues(value).ifPresentOrElse(
                    values -> headers.put(name, values),
                    () -> http.problems().add(http.path("headers").key(name), value.origin(),
                            "must be a string or an array of strings, not " + value.kind())));
        });
        return headers;
    }

    private static Optional<List<String>> headerValues(Node value) {
        return switch (value) {
            case Node.TextNode text -> Optional.of(List.of(text.value()));
            case Node.NumberNode number -> Optional.of(List.of(number.text()));
            case Node.ArrayNode array when array.items().stream().allMatch(Node.TextNode.class::isInstance) ->
                Optional.of(array.items().stream().map(item -> ((Node.TextNode) item).value()).toList());
            default -> Optional.empty();
        };
    }

    private static Optional<StatusCodes> status(Fields http) {
        Optional<Node> node = http.node("status");
        if (node.isEmpty()) {
            return Optional.of(StatusCodes.SUCCESS);
        }
        List<Node> items = node.get() instanceof Node.ArrayNode array ? array.items() : List.of(node.get());
        List<StatusCodes.Range> ranges = new ArrayList<>();
        for (Node item : items) {
            Optional<StatusCodes.Range> range = switch (item) {
                case Node.TextNode text -> StatusCodes.parse(text.value());
                case Node.NumberNode number -> StatusCodes.parse(number.text());
                default -> Optional.empty();
            };
            range.ifPresentOrElse(ranges::add, () -> http.problem("status", item.shown()
                    + " is not a status code (200), a class (\"2xx\") or a range (\"200-399\") of codes 100 to 599"));
        }
        if (ranges.isEmpty() || ranges.size() < items.size()) {
            if (ranges.isEmpty() && items.isEmpty()) {
                http.problem("status", "must list at least one status code");
            }
            return Optional.empty();
        }
        return Optional.of(new StatusCodes(ranges));
    }

    @Override
    public String toString() {
        return method + " " + url;
    }
}
