package dev.webhookgate.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Everything the provider side saw: each answer by key, and which keys it gave up on after a 503. */
final class Observations {

    /** How a key was meant to be treated by the gateway, so its answers can be judged. */
    enum Kind { VALID, CONFLICT, BAD_INPUT }

    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    private final Set<String> gaveUpAfter503 = ConcurrentHashMap.newKeySet();
    private final AtomicLong delivered = new AtomicLong();

    void planned(String key, Kind kind) {
        kinds.put(key, kind);
    }

    void record(Answer answer) {
        delivered.incrementAndGet();
        answers.computeIfAbsent(answer.key(), k -> new ArrayList<>());
        List<Answer> list = answers.get(answer.key());
        synchronized (list) {
            list.add(answer);
        }
    }

    void gaveUpAfter503(String key) {
        gaveUpAfter503.add(key);
    }

    long delivered() {
        return delivered.get();
    }

    Map<String, Kind> kinds() {
        return kinds;
    }

    List<Answer> answers(String key) {
        List<Answer> list = answers.getOrDefault(key, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    List<Answer> allAnswers() {
        List<Answer> all = new ArrayList<>();
        answers.keySet().forEach(key -> all.addAll(answers(key)));
        return all;
    }

    Set<String> gaveUpAfter503() {
        return gaveUpAfter503;
    }
}
