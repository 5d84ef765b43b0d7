package io.autopilot.templates;

import java.lang.reflect.RecordComponent;

/** Prints a record as Go prints a struct: {@code {web 8080}}, or {@code {name:web port:8080}} with {@code %+v}. */
final class RecordFields {
    private RecordFields() {
    }

    static void format(StringBuilder out, Record record, FormatSpec spec) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        boolean names = spec.plus() && spec.verb() == 'v';
        out.append('{');
        for (int i = 0; i < components.length; i++) {
            out.append(i > 0 ? " " : "");
            if (names) {
                out.append(components[i].getName()).append(':');
            }
            ValueFormatter.format(out, value(record, components[i]), spec);
        }
        out.append('}');
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.trySetAccessible();
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            return "<" + Members.describe(e) + ">";
        }
    }
}
