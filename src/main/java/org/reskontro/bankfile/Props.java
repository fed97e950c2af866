package org.reskontro.bankfile;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads properties of the prowide ISO 20022 model by element name ({@code "Amt"} -> {@code getAmt()}), so one
 * entry reader serves every camt version: the versions differ in class names, rarely in element names.
 * A property a version does not have reads as null.
 */
final class Props {

    private static final Map<Class<?>, Map<String, Optional<Method>>> GETTERS = new ConcurrentHashMap<>();

    private Props() {
    }

    /** Follows a path of element names; null as soon as one step is missing. Lists yield their first element. */
    static Object get(Object bean, String... path) {
        Object current = bean;
        for (String name : path) {
            if (current instanceof List<?> list) {
                current = list.isEmpty() ? null : list.get(0);
            }
            if (current == null) {
                return null;
            }
            current = property(current, name);
        }
        return current;
    }

    static String string(Object bean, String... path) {
        Object v = get(bean, path);
        if (v instanceof List<?> list) {
            v = list.isEmpty() ? null : list.get(0);
        }
        return v == null ? null : blankToNull(v.toString());
    }

    /** A list property (an absent or single value gives a list of zero or one). */
    static List<?> list(Object bean, String... path) {
        Object v = get(bean, path);
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> l ? l : List.of(v);
    }

    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    private static Object property(Object bean, String name) {
        Optional<Method> m = GETTERS.computeIfAbsent(bean.getClass(), c -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, n -> find(bean.getClass(), n));
        if (m.isEmpty()) {
            return null;
        }
        try {
            return m.get().invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + name + " of " + bean.getClass().getSimpleName(), e);
        }
    }

    private static Optional<Method> find(Class<?> type, String element) {
        String getter = "get" + element;
        String is = "is" + element;
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && (m.getName().equalsIgnoreCase(getter) || m.getName().equalsIgnoreCase(is))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
