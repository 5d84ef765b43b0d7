package io.autopilot.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address as we advertise it: no host name, no {@code %scope}, and printed the way Consul and the
 * user expect to read it ({@code 10.0.0.5}, {@code fdc6::1} in the RFC 5952 form rather than Java's
 * {@code fdc6:0:0:0:0:0:0:1}). Addresses order as ContainerPilot orders them: by their 16-byte form, IPv4 mapped
 * into {@code ::ffff:0:0/96}.
 *
 * <p>{@link #parse} reads literals only and never consults DNS; an IPv4-mapped IPv6 literal
 * ({@code ::ffff:10.0.0.1}) becomes the IPv4 address, as it does in Go.
 */
public record IpAddress(InetAddress inet) implements Comparable<IpAddress> {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Keeps only the address bytes of {@code inet}: its host name and scope are dropped. */
    public IpAddress {
        inet = fromBytes(Objects.requireNonNull(inet, "inet").getAddress());
    }

    /** @throws IllegalArgumentException when {@code text} is not an IPv4 dotted quad or an IPv6 literal */
    public static IpAddress parse(String text) {
        if (text.contains(":")) {
            return new IpAddress(parseIpv6(text));
        }
        byte[] v4 = parseIpv4(text);
        if (v4 == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
        return new IpAddress(fromBytes(v4));
    }

    /** Whether {@code text} reads as an IP literal, for telling an address apart from an interface name. */
    static boolean isLiteral(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    public boolean isIpv4() {
        return inet instanceof Inet4Address;
    }

    /** {@code 127.0.0.0/8} or {@code ::1}, the addresses Go's {@code IsLoopback} reports. */
    public boolean isLoopback() {
        return inet.isLoopbackAddress();
    }

    /** The address in the 16-byte form, IPv4 mapped into {@code ::ffff:0:0/96}. */
    byte[] bytes16() {
        byte[] raw = inet.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    /** This address with every bit after the first {@code prefixLength} cleared: the network it lies in. */
    IpAddress masked(int prefixLength) {
        byte[] bytes = inet.getAddress();
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> bit % 8);
        }
        return new IpAddress(fromBytes(bytes));
    }

    @Override
    public int compareTo(IpAddress other) {
        return Arrays.compareUnsigned(bytes16(), other.bytes16());
    }

    /** Dotted quad for IPv4, RFC 5952 for IPv6 (lower case, no leading zeros, longest zero run as {@code ::}). */
    @Override
    public String toString() {
        byte[] raw = inet.getAddress();
        if (raw.length == 4) {
            return (raw[0] & 0xff) + "." + (raw[1] & 0xff) + "." + (raw[2] & 0xff) + "." + (raw[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (raw[2 * i] & 0xff) << 8 | (raw[2 * i + 1] & 0xff);
        }
        return formatIpv6(groups);
    }

    private static String formatIpv6(int[] groups) {
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is never shortened to "::"
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Go's rules since 1.17: four decimal parts, 0 to 255, no leading zeros (which other parsers read as octal). */
    private static byte[] parseIpv4(String text) {
        var matcher = IPV4.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = matcher.group(i + 1);
            int value = Integer.parseInt(part);
            if (value > 255 || part.length() > 1 && part.charAt(0) == '0') {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /**
     * {@link InetAddress#ofLiteral} never resolves names, but it also takes brackets, {@code %scope} suffixes and
     * legacy IPv4 forms; the character check and the dotted-quad check keep to the plain literal Go accepts.
     */
    private static InetAddress parseIpv6(String text) {
        String invalid = "\"" + text + "\" is not an IP address";
        if (!IPV6_CHARACTERS.matcher(text).matches()) {
            throw new IllegalArgumentException(text.contains("%") ? invalid + " (a %zone suffix is not allowed)"
                    : invalid);
        }
        String tail = text.substring(text.lastIndexOf(':') + 1);
        if (tail.contains(".") && parseIpv4(tail) == null) {
            throw new IllegalArgumentException(invalid);
        }
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(invalid, e);
        }
    }

    private static InetAddress fromBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }
}
