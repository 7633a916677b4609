package dev.webhookgate.http;

/** One registered HTTP endpoint: its method ({@code GET}, {@code POST}, ...) and its path template ({@code /api/v1/orders/{id}}). */
public record Route(String method, String path) {

    @Override
    public String toString() {
        return method + " " + path;
    }
}
