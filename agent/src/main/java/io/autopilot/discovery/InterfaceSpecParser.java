package io.autopilot.discovery;

import io.autopilot.discovery.InterfaceSpec.ByCidr;
import io.autopilot.discovery.InterfaceSpec.ByFamily;
import io.autopilot.discovery.InterfaceSpec.ByIndex;
import io.autopilot.discovery.InterfaceSpec.ByName;
import io.autopilot.discovery.InterfaceSpec.Family;
import io.autopilot.discovery.InterfaceSpec.Static;
import java.nio.charset.StandardCharsets;

/**
 * The text form of {@link InterfaceSpec}. Forms are told apart by their punctuation, which interface names may not
 * contain: {@code static:} first (as in ContainerPilot), then {@code /} for a CIDR, a trailing {@code [N]} for an
 * index, {@code :} for a family; what is left is a bare name.
 */
final class InterfaceSpecParser {
    static final String ACCEPTED = "accepted forms are eth0 (its first IPv4 address), eth0:inet, eth0:inet6, eth0[1]"
            + " (its 2nd address, of either family), inet or inet6 (the first such address not on loopback),"
            + " a CIDR such as 10.0.0.0/16 or fdc6::/48, and static:192.168.1.100";

    /** Linux's IFNAMSIZ is 16 bytes including the terminating NUL. */
    private static final int MAX_NAME_BYTES = 15;

    private InterfaceSpecParser() {
    }

    static InterfaceSpec parse(String text) {
        try {
            return parseOrFail(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an interface spec: " + e.getMessage()
                    + "; " + ACCEPTED, e);
        }
    }

    private static InterfaceSpec parseOrFail(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        if (text.startsWith("static:")) {
            return new Static(IpAddress.parse(text.substring("static:".length())));
        }
        if (text.equals("inet") || text.equals("inet6")) {
            return new ByFamily(family(text));
        }
        if (text.contains("/")) {
            return parseCidr(text);
        }
        if (text.endsWith("]") && text.contains("[")) {
            return parseIndexed(text);
        }
        if (IpAddress.isLiteral(text)) {
            throw new IllegalArgumentException("it is an IP address; write static:" + text + " to advertise it,"
                    + " or a CIDR such as " + text + (text.contains(":") ? "/128" : "/32")
                    + " to require an interface to have it");
        }
        int colon = text.indexOf(':');
        if (colon >= 0) {
            return new ByName(text.substring(0, colon), family(text.substring(colon + 1)));
        }
        return new ByName(text, Family.INET);
    }

    private static Family family(String word) {
        return switch (word) {
            case "inet" -> Family.INET;
            case "inet6" -> Family.INET6;
            default -> throw new IllegalArgumentException("unknown address family \"" + word + "\" (use inet or inet6"
                    + (word.chars().allMatch(Character::isDigit) ? "; an alias label such as eth0:1 is not an"
                    + " interface, pick its address with eth0[N] or a CIDR)" : ")"));
        };
    }

    private static InterfaceSpec parseCidr(String text) {
        int slash = text.lastIndexOf('/');
        String prefix = text.substring(slash + 1);
        int length = wholeNumber(prefix, "the prefix length \"" + prefix + "\" after /");
        String literal = text.substring(0, slash);
        IpAddress network = IpAddress.parse(literal);
        if (literal.contains(":") && network.isIpv4()) {
            return mappedCidr(network, length);
        }
        return new ByCidr(network, length);
    }

    /**
     * {@code ::ffff:10.0.0.0/104} names IPv4 addresses, which we hold as IPv4, so it becomes {@code 10.0.0.0/8}. (Go
     * keeps it 16 bytes wide and then never matches an IPv4 address with it.) A shorter prefix would mix both families.
     */
    private static InterfaceSpec mappedCidr(IpAddress network, int length) {
        if (length < 96 || length > 128) {
            throw new IllegalArgumentException("an IPv4-mapped network needs a prefix length from 96 to 128, not "
                    + length + "; write IPv4 networks in IPv4 form, such as " + network + "/" + Math.max(0, length - 96));
        }
        return new ByCidr(network, length - 96);
    }

    private static InterfaceSpec parseIndexed(String text) {
        int open = text.lastIndexOf('[');
        String index = text.substring(open + 1, text.length() - 1);
        return new ByIndex(text.substring(0, open), wholeNumber(index, "the index \"" + index + "\" in [...]"));
    }

    private static int wholeNumber(String digits, String what) {
        if (!digits.matches("\\d+")) {
            throw new IllegalArgumentException(what + " is not a whole number");
        }
        if (digits.length() > 9) {
            throw new IllegalArgumentException(what + " is too large");
        }
        return Integer.parseInt(digits);
    }

    /** @throws IllegalArgumentException unless {@code name} is one Linux would give an interface, brackets aside */
    static void requireInterfaceName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the interface name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("\"" + name + "\" cannot name an interface");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("the interface name \"" + name + "\" is " + bytes
                    + " bytes long; Linux allows at most " + MAX_NAME_BYTES);
        }
        name.codePoints().filter(c -> !allowedInName(c)).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException("the interface name \"" + name + "\" contains " + describe(c)
                    + ", which interface names cannot contain");
        });
    }

    private static boolean allowedInName(int c) {
        return !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)
                && c != '/' && c != ':' && c != '[' && c != ']';
    }

    private static String describe(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) ? "whitespace"
                : Character.isISOControl(c) ? "a control character" : "'" + Character.toString(c) + "'";
    }
}
