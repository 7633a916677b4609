package dev.webhookgate.orders.mapping;

import java.util.Locale;

/** A payment moves money from sales into cash; a refund moves it back. */
public enum PaymentKind {
    PAYMENT("cash", "sales"),
    REFUND("sales", "cash");

    private final String debitAccount;
    private final String creditAccount;

    PaymentKind(String debitAccount, String creditAccount) {
        this.debitAccount = debitAccount;
        this.creditAccount = creditAccount;
    }

    public String debitAccount() {
        return debitAccount;
    }

    public String creditAccount() {
        return creditAccount;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
