package io.autopilot.control;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's path and query, percent-decoded here and nowhere else: a {@code %} without two hex digits, or escapes
 * that do not decode to UTF-8, are the client's mistake, answered {@code 400} with what is wrong, not an exception
 * in a route. The path is split into segments before decoding, so {@code %2F} stays inside a job's name. In the query,
 * {@code +} is a space, as in form encoding; in the path it is itself.
 *
 * @param segments the path's segments, decoded ({@code /v3/ping} is {@code [v3, ping]})
 * @param query each query parameter's first value, decoded
 */
record Target(List<String> segments, Map<String, String> query) {
    Target {
        segments = List.copyOf(segments);
        query = Map.copyOf(query);
    }

    /** A target the client got wrong; the message names the bad escape and where it is, for the client. */
    static final class BadTarget extends Exception {
        private static final long serialVersionUID = 1L;

        BadTarget(String message) {
            super(message);
        }
    }

    /** @param path the path as sent, still escaped; @param query the query as sent, or null when there is none */
    static Target of(String path, String query) throws BadTarget {
        List<String> segments = new ArrayList<>();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (String segment : relative.split("/", -1)) {
            segments.add(decode(segment, false, path));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : query == null || query.isEmpty() ? new String[0] : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = decode(equals < 0 ? parameter : parameter.substring(0, equals), true, query);
            String value = equals < 0 ? "" : decode(parameter.substring(equals + 1), true, query);
            parameters.putIfAbsent(name, value);
        }
        return new Target(segments, parameters);
    }

    /** The decoded path, its segments joined with {@code /}. */
    String path() {
        return "/" + String.join("/", segments);
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    private static String decode(String text, boolean plusIsSpace, String whole) throws BadTarget {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (low < 0) {
                    throw new BadTarget("\"" + whole + "\": \"" + text.substring(i, Math.min(i + 3, text.length()))
                            + "\" is not a percent-escape (a '%' takes two hex digits)");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x100) {
                bytes.write(plusIsSpace && c == '+' ? ' ' : c); // the request line's bytes, one char each
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadTarget("\"" + whole + "\": the escapes in \"" + text + "\" do not decode to UTF-8 text");
        }
    }
}
