package dev.webhookgate.runtime.config;

/** A bad setting: the message is one sentence naming the variable, printed as start-up stops. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
