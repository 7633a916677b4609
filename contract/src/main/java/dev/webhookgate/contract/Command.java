package dev.webhookgate.contract;

import java.util.Locale;

/** Operator commands on the commands topic, keyed like inbound so they reach the partition that owns the key. */
public enum Command {
    FORGET;

    public String op() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Command fromOp(String op) {
        for (Command command : values()) {
            if (command.op().equals(op)) {
                return command;
            }
        }
        throw new IllegalArgumentException("unknown command op: " + op);
    }
}
