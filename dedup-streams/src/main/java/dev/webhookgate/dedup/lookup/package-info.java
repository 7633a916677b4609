/**
 * Reading a key's entry wherever it lives: on this instance's store, after the store has processed a
 * given offset ({@link dev.webhookgate.dedup.lookup.PositionWatch}), or on the instance that owns the
 * partition ({@link dev.webhookgate.dedup.lookup.RoutedKeyLookup}, {@link dev.webhookgate.dedup.lookup.PeerClient}).
 * The verdict and ops features both read through here.
 */
package dev.webhookgate.dedup.lookup;
