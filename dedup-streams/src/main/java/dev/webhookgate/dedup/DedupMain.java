package dev.webhookgate.dedup;

import dev.webhookgate.runtime.ServiceMain;

/** Wires the environment to the service; ServiceMain stops it on SIGTERM and turns bad settings into exit 2. */
public final class DedupMain {

    private DedupMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceMain.run("dedup-streams", env -> DedupService.start(DedupConfig.from(env)));
    }
}
