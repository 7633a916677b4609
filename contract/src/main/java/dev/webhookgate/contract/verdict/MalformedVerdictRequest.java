package dev.webhookgate.contract.verdict;

/** A verdict request that cannot be read as a whole (not JSON, no queries array, too many queries). */
public class MalformedVerdictRequest extends IllegalArgumentException {
    public MalformedVerdictRequest(String message) {
        super(message);
    }
}
