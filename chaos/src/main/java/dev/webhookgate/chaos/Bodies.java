package dev.webhookgate.chaos;

/** The {@code custom} bodies the load sends: orders and payments, so each key has one business effect. */
final class Bodies {

    private Bodies() {
    }

    static String valid(String key, int n) {
        if (n % 2 == 0) {
            return "{\"type\":\"order.created\",\"retailer\":\"" + key + "\",\"items\":[{\"sku\":\"apples\",\"quantity\":"
                    + (1 + n % 7) + ",\"unit_price\":120}]}";
        }
        return "{\"type\":\"payment.succeeded\",\"amount\":" + (100 + n % 900) + ",\"currency\":\"usd\",\"order_id\":\"" + key + "\"}";
    }

    /** The same key with another body: a conflict, never a second effect. */
    static String other(String key, int n) {
        return valid(key, n).replace("\"type\"", "\"note\":\"changed\",\"type\"");
    }

    static String notJson(int n) {
        return "{\"type\":\"order.created\",\"items\":[" + n;
    }
}
