package dev.webhookgate.http.access;

/** Who may call an endpoint: anyone, an operator holding {@code OPS_TOKEN}, or a service holding {@code INTERNAL_TOKEN}. */
public enum Access {
    OPEN,
    OPS,
    INTERNAL
}
