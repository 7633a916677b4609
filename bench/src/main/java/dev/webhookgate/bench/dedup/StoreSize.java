package dev.webhookgate.bench.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Bytes per key of a closed Streams window store: every segment's RocksDB files, as Streams left them
 * (memtables flushed on close) and again after a full manual compaction of each column family, opened
 * without compression as Streams writes them.
 */
final class StoreSize {

    private StoreSize() {
    }

    /** Prints the table and answers the SST bytes per key after full compaction. */
    static double report(Path applicationStateDir, String storeName, int keys) throws IOException, RocksDBException {
        List<Path> segments = segments(applicationStateDir, storeName);
        long flushedSst = size(segments, true);
        long flushedAll = size(segments, false);
        RocksDB.loadLibrary();
        for (Path segment : segments) {
            compact(segment);
        }
        long compactedSst = size(segments, true);
        long compactedAll = size(segments, false);
        System.out.printf("key store %s: %d segments over %d keys%n", storeName, segments.size(), keys);
        System.out.println("| state | SST bytes | SST bytes/key | all files bytes/key |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| after close (flushed) | %d | %.1f | %.1f |%n", flushedSst, (double) flushedSst / keys, (double) flushedAll / keys);
        System.out.printf("| after full compaction | %d | %.1f | %.1f |%n", compactedSst, (double) compactedSst / keys, (double) compactedAll / keys);
        return (double) compactedSst / keys;
    }

    /** {@code <state>/<task>/<store>/<segment>}: every directory holding a RocksDB CURRENT file. */
    private static List<Path> segments(Path applicationStateDir, String storeName) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(applicationStateDir)) {
            walk.filter(p -> p.getFileName().toString().equals("CURRENT"))
                    .map(Path::getParent)
                    .filter(dir -> dir.getParent() != null && dir.getParent().getFileName().toString().equals(storeName))
                    .forEach(found::add);
        }
        return found;
    }

    private static long size(List<Path> segments, boolean sstOnly) {
        long total = 0;
        for (Path segment : segments) {
            try (Stream<Path> files = Files.list(segment)) {
                total += files.filter(f -> !sstOnly || f.getFileName().toString().endsWith(".sst"))
                        .filter(f -> !f.getFileName().toString().startsWith("LOG"))
                        .mapToLong(f -> {
                            try {
                                return Files.size(f);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    private static void compact(Path segment) throws RocksDBException {
        List<byte[]> families;
        try (Options options = new Options()) {
            families = RocksDB.listColumnFamilies(options, segment.toString());
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
        for (byte[] family : families) {
            ColumnFamilyOptions cf = new ColumnFamilyOptions().setCompressionType(CompressionType.NO_COMPRESSION);
            cfOptions.add(cf);
            descriptors.add(new ColumnFamilyDescriptor(family, cf));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, segment.toString(), descriptors, handles)) {
            for (ColumnFamilyHandle handle : handles) {
                db.compactRange(handle);
            }
            handles.forEach(ColumnFamilyHandle::close);
        } finally {
            cfOptions.forEach(ColumnFamilyOptions::close);
        }
    }
}
