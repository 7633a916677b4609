package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrdersMainTest {

    @Test
    void aBadSettingStopsStartUpWithItsSentenceAndExitCode2() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrdersMain.class.getName());
        builder.environment().put("ORDERS_PORT", "eighty");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(stderr.strip()).isEqualTo("ORDERS_PORT must be a whole number from 0 to 65535, got \"eighty\"");
        } finally {
            process.destroyForcibly();
        }
    }
}
