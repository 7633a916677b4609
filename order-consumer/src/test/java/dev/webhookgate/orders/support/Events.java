package dev.webhookgate.orders.support;

import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Envelopes as dedup-streams would put them on the unique topic, one fresh event id each. */
public final class Events {

    private Events() {
    }

    public static WebhookEnvelope envelope(Provider provider, String key, String contentType, Map<String, String> headers, String body) {
        return new WebhookEnvelope(UUID.randomUUID().toString(), provider, key, Instant.now(), Fingerprint.of(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                contentType, headers, body);
    }

    public static WebhookEnvelope json(Provider provider, String key, String body) {
        return envelope(provider, key, "application/json", Map.of(), body);
    }

    public static WebhookEnvelope whatsappForm(String key, String from, String text) {
        String body = "MessageSid=" + key + "&From=" + encode(from) + "&Body=" + encode(text);
        return envelope(Provider.WHATSAPP, key, "application/x-www-form-urlencoded", Map.of(), body);
    }

    public static WebhookEnvelope whatsappJson(String key, String from, String text) {
        String body = "{\"MessageSid\":\"" + key + "\",\"From\":\"" + from + "\",\"Body\":\"" + text + "\"}";
        return json(Provider.WHATSAPP, key, body);
    }

    public static WebhookEnvelope stripePayment(String key, String intent, long amount, String currency) {
        return json(Provider.STRIPE, key, "{\"id\":\"" + key + "\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{"
                + "\"id\":\"" + intent + "\",\"object\":\"payment_intent\",\"amount\":" + amount + ",\"amount_received\":" + amount
                + ",\"currency\":\"" + currency + "\",\"metadata\":{\"order_id\":\"ord_1\"}}}}");
    }

    public static WebhookEnvelope stripeRefund(String key, String intent, long amount, String currency) {
        return json(Provider.STRIPE, key, "{\"id\":\"" + key + "\",\"type\":\"charge.refunded\",\"data\":{\"object\":{"
                + "\"id\":\"ch_" + key + "\",\"object\":\"charge\",\"amount\":" + amount + ",\"amount_refunded\":" + amount
                + ",\"currency\":\"" + currency + "\",\"payment_intent\":\"" + intent + "\"}}}");
    }

    public static WebhookEnvelope customPayment(Provider provider, String key, long amount, String currency) {
        return json(provider, key, "{\"type\":\"payment.succeeded\",\"amount\":" + amount + ",\"currency\":\"" + currency
                + "\",\"order_id\":\"ord_" + key + "\"}");
    }

    public static WebhookEnvelope customOrder(Provider provider, String key, String retailer) {
        return json(provider, key, "{\"type\":\"order.created\",\"retailer\":\"" + retailer + "\",\"items\":["
                + "{\"sku\":\"apple\",\"quantity\":2,\"unit_price\":150},{\"sku\":\"pear\",\"quantity\":1,\"unit_price\":99}]}");
    }

    public static WebhookEnvelope shopifyOrder(String key, long orderId, String topic) {
        return envelope(Provider.SHOPIFY, key, "application/json",
                Map.of("x-shopify-topic", topic, "x-shopify-shop-domain", "corner-shop.myshopify.com"),
                "{\"id\":" + orderId + ",\"currency\":\"EUR\",\"line_items\":[{\"sku\":\"TEA-1\",\"title\":\"Tea\",\"quantity\":3,"
                        + "\"price\":\"4.50\"}]}");
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
