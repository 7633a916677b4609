package dev.webhookgate.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A route's query parameters read strictly from the raw query string: a bad percent escape, bytes that are not
 * UTF-8, a name the route does not know and a name given twice are 400 {@code invalid_parameter}. A lenient
 * reader drops or mangles what it cannot decode, and a dropped filter answers everyone's rows.
 */
public final class QueryParams {

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** @param rawQuery the query string as sent, still percent-encoded, or null */
    public static QueryParams parse(String rawQuery, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParams(values);
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
            if (!known.contains(name)) {
                throw invalid("Unknown query parameter \"" + name + "\"; this route takes " + String.join(", ", known.stream().sorted().toList()) + ".");
            }
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1), name);
            if (values.put(name, value) != null) {
                throw invalid("Query parameter " + name + " is given more than once.");
            }
        }
        return new QueryParams(values);
    }

    /** Empty when absent; a parameter given with an empty value is refused, as a filter on nothing cannot be applied. */
    public Optional<String> nonEmpty(String name) {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw invalid("Query parameter " + name + " is empty; leave it out to not filter.");
        }
        return Optional.of(value);
    }

    private static String decode(String text, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw invalid("The query has a bad percent escape in " + what + ".");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c > 0x7f) {
                throw invalid("The query has a character that is not percent-encoded in " + what + ".");
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalid("The query decodes to bytes that are not UTF-8 in " + what + ".");
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_parameter", message);
    }
}
