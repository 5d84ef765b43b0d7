package io.autopilot.templates;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float formatting ({@code strconv.FormatFloat} with verbs e, f and g). Rounding works on the exact binary
 * value, half to even, as Go does: {@code %.2f} of 2.675 is {@code 2.67}, where Java's {@code String.format} gives
 * {@code 2.68}. The shortest form (precision -1) uses the fewest digits that read back as the same float; with
 * {@code %v} it switches to an exponent from a million on, so Go prints {@code 1e+06} (JSON waits until 1e21).
 */
final class GoFloats {
    /** A decimal without its sign: value = 0.{@code digits} × 10^{@code point}; zero has no digits. */
    private record Decimal(String digits, int point) {
        static Decimal of(BigDecimal value) {
            if (value.signum() == 0) {
                return new Decimal("", 0);
            }
            BigDecimal stripped = value.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Decimal(digits, digits.length() - stripped.scale());
        }

        char digit(int i) {
            return i >= 0 && i < digits.length() ? digits.charAt(i) : '0';
        }
    }

    private GoFloats() {
    }

    /**
     * Formats with verb {@code e}, {@code E}, {@code f}, {@code F}, {@code g} or {@code G}; {@code precision} -1 means
     * the shortest exact form. A negative value starts with {@code -}; infinities read {@code +Inf} and {@code -Inf}.
     */
    static String format(double value, boolean single, char verb, int precision) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        String sign = Double.doubleToRawLongBits(value) < 0 ? "-" : "";
        double magnitude = Math.abs(value);
        String body = switch (Character.toLowerCase(verb)) {
            case 'e' -> exponent(magnitude, single, precision, verb);
            case 'f' -> fixed(magnitude, single, precision);
            default -> general(magnitude, single, precision, verb == 'G' ? 'E' : 'e');
        };
        return sign + body;
    }

    private static String exponent(double value, boolean single, int precision, char e) {
        Decimal d = precision < 0 ? shortest(value, single) : significant(value, precision + 1);
        return formatE(d, precision < 0 ? Math.max(d.digits().length() - 1, 0) : precision, e);
    }

    private static String fixed(double value, boolean single, int precision) {
        if (precision < 0) {
            Decimal d = shortest(value, single);
            return formatF(d, Math.max(d.digits().length() - d.point(), 0));
        }
        return formatF(Decimal.of(new BigDecimal(value).setScale(precision, RoundingMode.HALF_EVEN)), precision);
    }

    private static String general(double value, boolean single, int precision, char e) {
        boolean shortest = precision < 0;
        if (precision == 0) {
            precision = 1;
        }
        Decimal d = shortest ? shortest(value, single) : significant(value, precision);
        int digits = d.digits().length();
        if (shortest) {
            precision = digits;
        }
        int exponentLimit = precision;
        if (exponentLimit > digits && digits >= d.point()) {
            exponentLimit = digits;
        }
        if (shortest) {
            exponentLimit = 6;
        }
        int exponent = d.point() - 1;
        if (exponent < -4 || exponent >= exponentLimit) {
            return formatE(d, Math.min(precision, digits) - 1, e);
        }
        if (precision > d.point()) {
            precision = digits;
        }
        return formatF(d, Math.max(precision - d.point(), 0));
    }

    private static Decimal shortest(double value, boolean single) {
        return Decimal.of(new BigDecimal(single ? Float.toString((float) value) : Double.toString(value)));
    }

    private static Decimal significant(double value, int digits) {
        return Decimal.of(new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN)));
    }

    private static String formatE(Decimal d, int precision, char e) {
        StringBuilder out = new StringBuilder().append(d.digit(0));
        if (precision > 0) {
            out.append('.');
            for (int i = 1; i <= precision; i++) {
                out.append(d.digit(i));
            }
        }
        int exponent = d.digits().isEmpty() ? 0 : d.point() - 1;
        out.append(e).append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        return out.append(magnitude < 10 ? "0" : "").append(magnitude).toString();
    }

    private static String formatF(Decimal d, int precision) {
        StringBuilder out = new StringBuilder();
        if (d.point() > 0) {
            for (int i = 0; i < d.point(); i++) {
                out.append(d.digit(i));
            }
        } else {
            out.append('0');
        }
        if (precision > 0) {
            out.append('.');
            for (int i = 1; i <= precision; i++) {
                out.append(d.digit(d.point() + i - 1));
            }
        }
        return out.toString();
    }
}
