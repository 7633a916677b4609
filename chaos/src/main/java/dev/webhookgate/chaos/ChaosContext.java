package dev.webhookgate.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a run finds the jars and PostgreSQL, and where it keeps its data and logs. */
record ChaosContext(Path repo, Path runDir, boolean quick, String pgUrl, String pgUser, String pgPassword) {

    Path dir(String scenario) {
        Path dir = runDir.resolve(scenario);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Full run or quick: the same scenario, with fewer keys per second and shorter pauses between faults. */
    int rate() {
        return quick ? 15 : 40;
    }

    long pauseMillis() {
        return quick ? 3000 : 8000;
    }
}
