package dev.webhookgate.chaos;

/** Reads one sample out of a Prometheus text exposition. */
final class Metric {

    private Metric() {
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label}; 0 when there is none. */
    static double value(String exposition, String name, String label) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
