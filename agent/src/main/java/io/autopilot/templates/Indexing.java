package io.autopilot.templates;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code len}, {@code index} and {@code slice}. Strings are measured, indexed and sliced in UTF-8 bytes, as Go
 * does, so {@code len "é"} is 2; an index of a string is a byte value.
 */
final class Indexing {
    private Indexing() {
    }

    static long length(Object item) {
        return switch (Kind.of(item)) {
            case NIL -> throw new IllegalArgumentException("len of nil pointer");
            case STRING -> bytes(item).length;
            case LIST -> Kind.list(item).size();
            case MAP -> ((Map<?, ?>) item).size();
            default -> throw new IllegalArgumentException("len of type " + Kind.typeName(item));
        };
    }

    static Object index(Object item, Object... indexes) {
        if (item == null) {
            throw new IllegalArgumentException("index of untyped nil");
        }
        for (Object index : indexes) {
            item = switch (Kind.of(item)) {
                case NIL -> throw new IllegalArgumentException("index of nil pointer");
                case STRING -> {
                    byte[] bytes = bytes(item);
                    yield (long) Byte.toUnsignedInt(bytes[element(index, bytes.length)]);
                }
                case LIST -> {
                    List<?> list = Kind.list(item);
                    yield list.get(element(index, list.size()));
                }
                case MAP -> {
                    Map<?, ?> map = (Map<?, ?>) item;
                    yield Members.mapValue(map, mapKey(map, index));
                }
                default -> throw new IllegalArgumentException("can't index item of type " + Kind.typeName(item));
            };
        }
        return item;
    }

    /** Integers in a template are longs; a Java map keyed by Integer still finds its entry. */
    private static Object mapKey(Map<?, ?> map, Object index) {
        if (!map.containsKey(index) && index instanceof Long number && number == number.intValue()
                && map.containsKey(number.intValue())) {
            return number.intValue();
        }
        return index;
    }

    static Object slice(Object item, Object... indexes) {
        if (item == null) {
            throw new IllegalArgumentException("slice of untyped nil");
        }
        if (indexes.length > 3) {
            throw new IllegalArgumentException("too many slice indexes: " + indexes.length);
        }
        Kind kind = Kind.of(item);
        if (kind == Kind.STRING && indexes.length == 3) {
            throw new IllegalArgumentException("cannot 3-index slice a string");
        }
        if (kind != Kind.STRING && kind != Kind.LIST) {
            throw new IllegalArgumentException("can't slice item of type " + Kind.typeName(item));
        }
        byte[] bytes = kind == Kind.STRING ? bytes(item) : null;
        List<?> list = kind == Kind.LIST ? Kind.list(item) : null;
        int length = bytes != null ? bytes.length : list.size();
        int[] bounds = {0, length, length};
        for (int i = 0; i < indexes.length; i++) {
            bounds[i] = position(indexes[i], length);
        }
        for (int i = 0; i + 1 < Math.max(indexes.length, 2); i++) {
            if (bounds[i] > bounds[i + 1]) {
                throw new IllegalArgumentException("invalid slice index: " + bounds[i] + " > " + bounds[i + 1]);
            }
        }
        if (bytes != null) {
            return new String(Arrays.copyOfRange(bytes, bounds[0], bounds[1]), StandardCharsets.UTF_8);
        }
        return List.copyOf(list.subList(bounds[0], bounds[1]));
    }

    /** An index that must name an element: below {@code length}. */
    private static int element(Object index, int length) {
        int position = position(index, length);
        if (position == length) {
            throw new IllegalArgumentException("index out of range: " + position);
        }
        return position;
    }

    /** An index or slice bound: 0 to {@code length} inclusive. */
    private static int position(Object index, int length) {
        if (index == null) {
            throw new IllegalArgumentException("cannot index slice/array with nil");
        }
        if (Kind.of(index) != Kind.INT) {
            throw new IllegalArgumentException("cannot index slice/array with type " + Kind.typeName(index));
        }
        long value = ((Number) index).longValue();
        if (value < 0 || value > length) {
            throw new IllegalArgumentException("index out of range: " + value);
        }
        return (int) value;
    }

    private static byte[] bytes(Object string) {
        return Kind.string(string).getBytes(StandardCharsets.UTF_8);
    }
}
