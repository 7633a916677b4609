package dev.webhookgate.orders.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/** Strict reads of provider JSON: a missing or mistyped field is a poison event with a sentence saying which. */
final class Fields {

    /**
     * The largest amount booked, in minor units (10^15: ten trillion dollars in cents). Anything larger is a
     * provider's bug or an attack, and a ledger of such rows would overflow its sums; it is dead-lettered.
     */
    static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    private Fields() {
    }

    static JsonNode jsonObject(String body, String what) {
        JsonNode node;
        try {
            node = ContractJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException(what + " body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new PoisonEventException(what + " body is not a JSON object");
        }
        return node;
    }

    /** Text of a field, or null when absent; numbers are accepted as text because providers mix them (Shopify ids). */
    static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new PoisonEventException("field " + field + " must be a string, got " + value.getNodeType());
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    static String requiredText(JsonNode node, String field) {
        String text = optionalText(node, field);
        if (text == null) {
            throw new PoisonEventException("field " + field + " is missing");
        }
        return text;
    }

    static long positiveAmount(JsonNode node, String field) {
        long value = wholeNumber(node, field);
        if (value <= 0 || value > MAX_AMOUNT) {
            throw new PoisonEventException("field " + field + " must be an amount from 1 to 10^15 minor units, got " + value);
        }
        return value;
    }

    static int positiveQuantity(JsonNode node, String field) {
        long value = wholeNumber(node, field);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new PoisonEventException("field " + field + " must be a positive quantity, got " + value);
        }
        return (int) value;
    }

    static Long optionalNonNegative(JsonNode node, String field) {
        if (node.get(field) == null || node.get(field).isNull()) {
            return null;
        }
        long value = wholeNumber(node, field);
        if (value < 0 || value > MAX_AMOUNT) {
            throw new PoisonEventException("field " + field + " must be from 0 to 10^15 minor units, got " + value);
        }
        return value;
    }

    static long wholeNumber(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new PoisonEventException("field " + field + " is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new PoisonEventException("field " + field + " must be a whole number, got " + value);
        }
        return value.longValue();
    }

    /** ISO 4217, stored lower-case as Stripe writes it. */
    static String currency(String code) {
        if (!code.matches("[A-Za-z]{3}")) {
            throw new PoisonEventException("currency must be a three-letter ISO 4217 code, got \"" + code + "\"");
        }
        try {
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("unknown currency \"" + code + "\"");
        }
        return code.toLowerCase(Locale.ROOT);
    }

    static String optionalCurrency(JsonNode node, String field) {
        String code = optionalText(node, field);
        return code == null ? null : currency(code);
    }

    /** A decimal price such as Shopify's {@code "19.99"} in the currency's minor units. */
    static long minorUnits(String decimal, String currency, String field) {
        int digits = currency == null ? 2 : Math.max(0, Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits());
        try {
            BigDecimal value = new BigDecimal(decimal).movePointRight(digits);
            if (value.signum() < 0 || value.stripTrailingZeros().scale() > 0) {
                throw new PoisonEventException("field " + field + " is not a price in " + (currency == null ? "cents" : currency) + ": " + decimal);
            }
            if (value.compareTo(BigDecimal.valueOf(MAX_AMOUNT)) > 0) {
                throw new PoisonEventException("field " + field + " must be at most 10^15 minor units, got " + decimal);
            }
            return value.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new PoisonEventException("field " + field + " is not a decimal price: " + decimal);
        }
    }
}
