package dev.webhookgate.orders.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Twilio's WhatsApp message, form-encoded or JSON: a {@code Body} such as "order 3 apples" from {@code From}. */
final class WhatsAppMessage {

    private static final Pattern ORDER_WORD = Pattern.compile("(?i)^\\s*order(\\s.*)?$", Pattern.DOTALL);
    private static final Pattern ORDER = Pattern.compile("(?i)^\\s*order\\s+(\\d{1,9})\\s+(\\S.*?)\\s*$", Pattern.DOTALL);

    private WhatsAppMessage() {
    }

    static Effect map(String contentType, String body) {
        Map<String, String> fields = isJson(contentType, body) ? jsonFields(body) : formFields(body);
        String text = fields.get("Body");
        if (text == null || !ORDER_WORD.matcher(text).matches()) {
            return new Effect.Ignore("whatsapp message is not an order");
        }
        Matcher m = ORDER.matcher(text);
        if (!m.matches()) {
            throw new PoisonEventException("whatsapp order \"" + text.strip() + "\" does not read as order <quantity> <item>");
        }
        int quantity = Integer.parseInt(m.group(1));
        if (quantity == 0) {
            throw new PoisonEventException("whatsapp order \"" + text.strip() + "\" has quantity 0");
        }
        String from = fields.get("From");
        if (from == null || from.isBlank()) {
            throw new PoisonEventException("whatsapp order has no From to name the retailer");
        }
        // the item word is the sku; case is folded so "ORDER 2 Apples" and "order 2 apples" are one product
        String sku = m.group(2).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return new Effect.PlaceOrder(from.strip(), null, null, List.of(new OrderLine(sku, quantity, null)));
    }

    private static boolean isJson(String contentType, String body) {
        return contentType.toLowerCase(Locale.ROOT).contains("json") || body.stripLeading().startsWith("{");
    }

    private static Map<String, String> jsonFields(String body) {
        JsonNode node = Fields.jsonObject(body, "whatsapp");
        Map<String, String> fields = new HashMap<>();
        for (String name : List.of("Body", "From")) {
            String value = Fields.optionalText(node, name);
            if (value != null) {
                fields.put(name, value);
            }
        }
        return fields;
    }

    private static Map<String, String> formFields(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new PoisonEventException("whatsapp form body is not form-encoded: " + e.getMessage());
            }
        }
        return fields;
    }
}
