package dev.webhookgate.bench.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The e2e benchmark's traffic, the same for every system: {@code keys} first deliveries and
 * {@code requests - keys} retries of them, half racing their first delivery (sent right behind it, so a
 * different connection carries it while the first is still in flight) and half arriving later (a few
 * seconds of traffic behind it), as providers retry after a lost answer or a slow one. Seeded, so every
 * round and every system sends the same bodies in the same order.
 */
public record Schedule(List<Delivery> deliveries, int keys) {

    /** One request: the key, the exact body, and whether it repeats an earlier delivery of that key. */
    public record Delivery(String key, String body, boolean retry) {
    }

    public static Schedule of(int requests, int keys, long seed, String runTag) {
        if (keys <= 0 || requests < keys || requests > 2L * keys) {
            throw new IllegalArgumentException("need keys <= requests <= 2 * keys, got requests=" + requests + " keys=" + keys);
        }
        Random random = new Random(seed);
        List<Delivery> firsts = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            String key = runTag + "-" + i;
            String body = "{\"From\":\"whatsapp:+97798" + String.format("%08d", random.nextInt(100_000_000))
                    + "\",\"Body\":\"order " + (1 + random.nextInt(20)) + " " + ITEMS[random.nextInt(ITEMS.length)] + "\"}";
            firsts.add(new Delivery(key, body, false));
        }
        List<Integer> retried = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            retried.add(i);
        }
        Collections.shuffle(retried, random);
        int retries = requests - keys;
        boolean[] racing = new boolean[keys];
        boolean[] late = new boolean[keys];
        for (int r = 0; r < retries; r++) {
            (r % 2 == 0 ? racing : late)[retried.get(r)] = true;
        }
        // A late retry goes this many deliveries behind its first: seconds of traffic at the rates measured here.
        int lateGap = Math.max(1, Math.min(10_000, keys / 4));
        List<List<Delivery>> slots = new ArrayList<>(keys + lateGap + 1);
        for (int i = 0; i < keys + lateGap + 1; i++) {
            slots.add(new ArrayList<>(2));
        }
        for (int i = 0; i < keys; i++) {
            Delivery first = firsts.get(i);
            slots.get(i).add(first);
            Delivery again = new Delivery(first.key(), first.body(), true);
            if (racing[i]) {
                slots.get(i).add(again);
            }
            if (late[i]) {
                slots.get(i + lateGap).add(again);
            }
        }
        List<Delivery> all = new ArrayList<>(requests);
        slots.forEach(all::addAll);
        return new Schedule(List.copyOf(all), keys);
    }

    private static final String[] ITEMS = {"apples", "rice", "lentils", "tea", "sugar", "flour", "oil", "salt"};
}
