package io.autopilot.templates;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves {@code .Name} on a value: a map key, or a public method of an object, such as a record component. Go only
 * reaches exported (capitalised) names, so {@code .Address} also finds Java's {@code address()}.
 */
final class Members {
    /**
     * What a missing map key yields. ContainerPilot renders with {@code missingkey=zero} over a
     * {@code map[string]string}, where the zero value is "" (never Go's {@code <no value>}). Java maps carry no value
     * type at run time, and the maps this agent renders (the environment, Consul keys and metadata) hold strings.
     */
    static final String MISSING_KEY = "";

    private static final ClassValue<Map<String, Optional<Method>>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Optional<Method>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private Members() {
    }

    static Object mapValue(Map<?, ?> map, Object key) {
        return map.containsKey(key) ? map.get(key) : MISSING_KEY;
    }

    /** The public method {@code name} of the receiver's class, or empty when it has none. */
    static Optional<Method> method(Object receiver, String name) {
        if (Kind.of(receiver) != Kind.STRUCT) {
            return Optional.empty();
        }
        return METHODS.get(receiver.getClass()).computeIfAbsent(name, key -> find(receiver.getClass(), key));
    }

    private static Optional<Method> find(Class<?> type, String name) {
        String javaName = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        Method fallback = null;
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (method.getName().equals(name)) {
                return Optional.of(accessible(method));
            }
            if (method.getName().equals(javaName)) {
                fallback = method;
            }
        }
        return Optional.ofNullable(fallback).map(Members::accessible);
    }

    /** A public method of a class that is not itself public (a nested record, say) still needs opening. */
    private static Method accessible(Method method) {
        method.trySetAccessible();
        return method;
    }

    static Object invoke(Method method, Object receiver, String name, List<Object> args) {
        Class<?>[] types = method.getParameterTypes();
        if (types.length != args.size()) {
            throw new RenderFailure("wrong number of args for " + name + ": want " + types.length + " got "
                    + args.size());
        }
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = convert(args.get(i), types[i]);
        }
        try {
            return method.invoke(receiver, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new RenderFailure("error calling " + name + ": " + describe(cause), cause);
        } catch (IllegalAccessException e) {
            throw new RenderFailure("can't call " + name + ": " + describe(e), e);
        }
    }

    static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private static Object convert(Object value, Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return (int) integer(value, type);
        }
        if (type == long.class || type == Long.class) {
            return integer(value, type);
        }
        if ((type == double.class || type == Double.class) && value instanceof Number number) {
            return number.doubleValue();
        }
        if (type == boolean.class && value instanceof Boolean) {
            return value;
        }
        if (value == null ? type.isPrimitive() : !type.isInstance(value)) {
            throw ArgumentException.wrongType(type.getSimpleName(), value);
        }
        return value;
    }

    private static long integer(Object value, Class<?> type) {
        if (Kind.of(value) != Kind.INT) {
            throw ArgumentException.wrongType(type.getSimpleName(), value);
        }
        return ((Number) value).longValue();
    }
}
