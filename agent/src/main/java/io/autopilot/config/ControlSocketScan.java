package io.autopilot.config;

import io.autopilot.control.ControlConfig;
import io.autopilot.templates.Functions;
import io.autopilot.templates.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The control socket's path read from a config file the quick way, for the client commands: a health check runs one
 * every few seconds, and the full {@link ConfigLoader} (every block parsed, HOCON through its library) costs more
 * than the request. The file's template is rendered only when it has an action ({@code {{}), then the text is
 * scanned for the top-level {@code control} block; the rest of the file is only skipped over, brackets and strings
 * matched.
 *
 * <p>It answers only for the plain shape, {@code control: { socket: "PATH", mode: "0660" }} (HOCON also with
 * {@code =}, no separator before the brace, no root braces, and an unquoted absolute path), or no {@code control}
 * key at all (the default socket). Anything else it cannot be sure to read as the full loader does, and leaves to it:
 * a HOCON substitution or include near the block, a dotted {@code control.} key, a second {@code control}, an
 * escape in a key or in the path, another key or a bad mode in the block, a template or a bracket that fails. For those
 * {@link #find} is empty and the caller asks {@link ConfigLoader#controlSocket}, so both read the same socket from
 * the same file, and a file's problems are reported as the full loader reports them.
 */
public final class ControlSocketScan {
    private final ConfigTokens tokens;
    private final boolean hocon;

    private ControlSocketScan(String text, boolean hocon) {
        this.tokens = new ConfigTokens(text, hocon);
        this.hocon = hocon;
    }

    /** The socket {@code file} names, or empty when only the full loader can tell. */
    public static Optional<Path> find(Path file, Map<String, String> environment) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.contains("{{")) {
                text = Template.parse(file.toString(), text, Functions.containerPilot(environment::get))
                        .render(environment);
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the full loader names the problem
        }
        boolean hocon = ConfigFormat.of(file.toString()) == ConfigFormat.HOCON;
        return new ControlSocketScan(text, hocon).socket().map(Path::of);
    }

    private Optional<String> socket() {
        ConfigTokens.Token first = tokens.next();
        boolean braced = first.is('{');
        if (!braced && (!hocon || first.is('['))) {
            return Optional.empty();
        }
        int rootDepth = braced ? 1 : 0;
        ConfigTokens.Token previous = first;
        ConfigTokens.Token token = braced ? tokens.next() : first;
        String socket = null;
        boolean seen = false;
        while (!token.isEnd()) {
            if (token.isBad()) {
                return Optional.empty();
            }
            ConfigTokens.Token following = tokens.next();
            if (hocon && token.depth() == rootDepth && token.text().equals("include")) {
                return Optional.empty(); // the included file may hold the block
            }
            if (token.depth() == rootDepth && isKey(token, following)) {
                if (token.escaped() || token.text().indexOf('\\') >= 0) {
                    return Optional.empty(); // an escape may spell "control"
                }
                if (hocon && (token.text().startsWith("control.") || token.text().startsWith("."))) {
                    return Optional.empty();
                }
                if (token.text().equals("control")) {
                    if (seen) {
                        return Optional.empty();
                    }
                    seen = true;
                    Optional<String> block = block(following);
                    if (block.isEmpty()) {
                        return Optional.empty();
                    }
                    socket = block.get();
                    following = tokens.next();
                    if (following.is('{') || following.isSubstitution() || following.is('+')) {
                        return Optional.empty(); // HOCON's object concatenation: another part of the block
                    }
                }
            }
            previous = token;
            token = following;
        }
        if (!tokens.balanced() || (braced && !previous.is('}'))) {
            return Optional.empty();
        }
        return Optional.of(socket == null ? ControlConfig.DEFAULT.socket() : socket);
    }

    private boolean isKey(ConfigTokens.Token token, ConfigTokens.Token following) {
        return token.isText() && (following.is(':') || following.is('=') || following.is('{') || following.is('+'));
    }

    /** The block after {@code control}, from its separator to its closing brace: its socket, else the default. */
    private Optional<String> block(ConfigTokens.Token separator) {
        ConfigTokens.Token open = separator.is('{') ? separator : tokens.next();
        if (!open.is('{') || !(separator.is('{') ? hocon : isSeparator(separator))) {
            return Optional.empty();
        }
        String socket = ControlConfig.DEFAULT.socket();
        ConfigTokens.Token key = tokens.next();
        while (!key.is('}')) {
            if (!key.isText() || key.escaped() || !isSeparator(tokens.next())) {
                return Optional.empty();
            }
            ConfigTokens.Token value = tokens.next();
            ConfigTokens.Token after = tokens.next();
            boolean ends = after.is('}') || after.is(',') || hocon && after.onNewLine();
            if (!ends || !isPlainString(value)) {
                return Optional.empty();
            }
            switch (key.text()) {
                case "socket" -> socket = value.text();
                case "mode" -> {
                    if (!isFileMode(value.text())) {
                        return Optional.empty();
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
            key = after.is(',') ? tokens.next() : after;
        }
        return socket.isBlank() ? Optional.empty() : Optional.of(socket);
    }

    private boolean isSeparator(ConfigTokens.Token token) {
        return token.is(':') || hocon && token.is('=');
    }

    /** A string without escapes; unquoted only in HOCON, and then only an absolute path. */
    private boolean isPlainString(ConfigTokens.Token value) {
        return value.isQuoted() ? !value.escaped() : hocon && value.isText() && value.text().startsWith("/");
    }

    /** What {@code FileMode} takes: three octal digits, with an optional leading 0. */
    private static boolean isFileMode(String text) {
        String digits = text.length() == 4 && text.charAt(0) == '0' ? text.substring(1) : text;
        if (digits.length() != 3) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
