package dev.newsroom.core.store;

import static dev.newsroom.core.store.ArticleItems.n;
import static dev.newsroom.core.store.ArticleItems.s;
import static dev.newsroom.core.store.IndexTable.PK;
import static dev.newsroom.core.store.IndexTable.SINGLE;
import static dev.newsroom.core.store.IndexTable.SK;
import static dev.newsroom.core.store.IndexTable.key;

import dev.newsroom.core.index.Archive;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;
import dev.newsroom.core.index.Postings;
import dev.newsroom.core.index.Window;
import dev.newsroom.core.related.TagFrequencies;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The listings in the {@linkplain IndexTable index table}:
 * <ul>
 *   <li>postings: one per listing an article is in ({@code pk} the listing's id, {@code sk} the
 *       publication time and path), each carrying the article's {@link Entry};</li>
 *   <li>the state of each listing ({@code meta#<id>}): revision, article count, archive pages.</li>
 * </ul>
 */
public final class ListingStore implements Postings {

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int TRANSACTION_ATTEMPTS = 5;
    /** DynamoDB's limit on the writes of one transaction. */
    private static final int TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ZoneId zone;

    /** @param zone the site's time zone, which archive days and months are counted in */
    public ListingStore(DynamoDbClient dynamo, String table, ZoneId zone) {
        this.dynamo = dynamo;
        this.table = table;
        this.zone = zone;
    }

    /**
     * One article's change in a listing: from where it was to where it is (either may be absent).
     *
     * @param version the article version of the change; for a deleted item, one past its last version
     */
    public record Change(Optional<Entry> before, Optional<Entry> after, long version) {

        boolean moves() {
            return before.isPresent() && after.isPresent() && !sortKey(before.get()).equals(sortKey(after.get()));
        }

        /** Whether its posting at {@code before} goes: deleted, withdrawn or moved. */
        boolean leaves() {
            return before.isPresent() && (after.isEmpty() || moves());
        }
    }

    /** What a change did to its listing: whether it moved anything, or why it could not be applied. */
    public record Applied(boolean moved, Optional<RuntimeException> failure) {

        static final Applied MOVED = new Applied(true, Optional.empty());
        static final Applied UNCHANGED = new Applied(false, Optional.empty());
    }

    /**
     * Applies several articles' changes to one listing, each in a transaction with the listing's
     * state and as many together as a transaction holds, so a bulk upload costs a few transactions
     * per listing rather than one per article. Safe to repeat: a change already made, or made older by
     * a newer one, is taken out and the rest sent again, and moves nothing. A transaction that fails
     * otherwise has its changes applied one at a time, so that each failure is its own change's.
     *
     * @return for each change, in order, what it did
     */
    public List<Applied> apply(ListingKey key, List<Change> changes) {
        Applied[] applied = new Applied[changes.size()];
        List<Integer> together = new ArrayList<>();
        int items = 0;
        for (int i = 0; i < changes.size(); i++) {
            int writes = writes(key, changes.get(i)).size();
            if (writes == 0) {
                applied[i] = Applied.UNCHANGED;
                continue;
            }
            if (items + writes > TRANSACTION_ITEMS - 1) {
                applyTogether(key, changes, together, applied);
                together = new ArrayList<>();
                items = 0;
            }
            together.add(i);
            items += writes;
        }
        if (!together.isEmpty()) {
            applyTogether(key, changes, together, applied);
        }
        // Also on a replay: a crash may have come between the transaction and this.
        changes.stream().filter(Change::leaves).map(c -> Archive.of(key, c.before().get().published(), zone)).distinct()
                .forEach(archive -> forgetArchiveIfEmpty(key, archive));
        return List.of(applied);
    }

    /** Applies these changes in one transaction with the listing's state; see {@link #apply}. */
    private void applyTogether(ListingKey key, List<Change> changes, List<Integer> together, Applied[] applied) {
        List<Integer> left = new ArrayList<>(together);
        RuntimeException failure;
        for (int conflicts = 0; ; ) {
            List<TransactWriteItem> writes = new ArrayList<>();
            List<Integer> writer = new ArrayList<>();
            for (int i : left) {
                List<TransactWriteItem> own = writes(key, changes.get(i));
                writes.addAll(own);
                own.forEach(w -> writer.add(i));
            }
            writes.add(state(key, left.stream().map(changes::get).toList()));
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                left.forEach(i -> applied[i] = Applied.MOVED);
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                List<Integer> done = new ArrayList<>();
                for (int w = 0; w < writer.size() && w < reasons.size(); w++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(w).code()) && !done.contains(writer.get(w))) {
                        done.add(writer.get(w));
                    }
                }
                done.forEach(i -> applied[i] = Applied.UNCHANGED);
                left.removeAll(done);
                if (left.isEmpty()) {
                    return;
                }
                if (!done.isEmpty()) {
                    continue;
                }
                // Every change meets at the listing's state, so shards working at once conflict: a few quick retries settle that.
                if (reasons.stream().anyMatch(reason -> "TransactionConflict".equals(reason.code())) && ++conflicts < TRANSACTION_ATTEMPTS) {
                    LockSupport.parkNanos(java.time.Duration.ofMillis(20L * conflicts * conflicts).toNanos());
                    continue;
                }
                failure = e;
            } catch (RuntimeException e) {
                failure = e;
            }
            break;
        }
        if (left.size() == 1) {
            applied[left.get(0)] = new Applied(false, Optional.of(failure));
            return;
        }
        for (int i : left) {
            applyTogether(key, changes, List.of(i), applied);
        }
    }

    /** A change's own writes: its posting put where it is, or deleted where it was, each unless already done. */
    private List<TransactWriteItem> writes(ListingKey key, Change change) {
        List<TransactWriteItem> writes = new ArrayList<>();
        if (change.after().isPresent()) {
            boolean replaces = change.before().isPresent() && !change.moves();
            Map<String, AttributeValue> item = EntryItems.toItem(change.after().get());
            item.put(PK, s(key.id()));
            item.put(SK, s(sortKey(change.after().get())));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression(replaces ? "attribute_exists(pk) AND version < :v" : "attribute_not_exists(pk)")
                    .expressionAttributeValues(replaces ? Map.of(":v", n(change.version())) : null).build()).build());
        }
        if (change.leaves()) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(key.id(), sortKey(change.before().get())))
                    .conditionExpression("attribute_exists(pk) AND version < :v")
                    .expressionAttributeValues(Map.of(":v", n(change.version()))).build()).build());
        }
        return writes;
    }

    /** The listing's state after these changes: its revision one up, its count and its archive pages. */
    private TransactWriteItem state(ListingKey key, List<Change> changes) {
        long delta = changes.stream().mapToLong(c -> c.before().isPresent() == c.after().isPresent() ? 0 : c.after().isPresent() ? 1 : -1).sum();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":delta", n(delta)));
        String update = "ADD rev :one, #count :delta";
        List<String> archives = changes.stream().flatMap(c -> c.after().stream())
                .map(e -> Archive.of(key, e.published(), zone).id()).distinct().toList();
        if (!archives.isEmpty()) {
            update += ", archives :archive";
            values.put(":archive", AttributeValue.fromSs(archives));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(meta(key), SINGLE))
                .updateExpression(update).expressionAttributeNames(Map.of("#count", "count"))
                .expressionAttributeValues(values).build()).build();
    }

    /**
     * Writes a whole listing at once, as a full rebuild does: every posting, and the listing's
     * count and archive pages, with its revision one up so its pages are rendered again. The rebuild
     * ranks every list, so a tag's lists are ranked with its band as loaded.
     */
    public void load(ListingKey key, Collection<Entry> entries) {
        List<WriteRequest> writes = new ArrayList<>();
        TreeSet<String> archives = new TreeSet<>();
        for (Entry entry : entries) {
            Map<String, AttributeValue> item = EntryItems.toItem(entry);
            item.put(PK, s(key.id()));
            item.put(SK, s(sortKey(entry)));
            writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            archives.add(Archive.of(key, entry.published(), zone).id());
        }
        DynamoBatches.write(dynamo, table, writes);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":count", n(entries.size()),
                ":band", n(TagFrequencies.band(entries.size()))));
        String update = "ADD rev :one SET #count = :count, rankedBand = :band";
        if (!archives.isEmpty()) {
            update += ", archives = :archives";
            values.put(":archives", AttributeValue.fromSs(List.copyOf(archives)));
        }
        String expression = update;
        dynamo.updateItem(r -> r.tableName(table).key(key(meta(key), SINGLE)).updateExpression(expression)
                .expressionAttributeNames(Map.of("#count", "count")).expressionAttributeValues(values));
    }

    /** Drops an archive page from the listing once its last article has left, unless the listing changed meanwhile. */
    private void forgetArchiveIfEmpty(ListingKey key, Archive archive) {
        ListingState state = state(key);
        if (!state.archives().contains(archive) || !between(key, archive.start(zone), archive.end(zone), 1).isEmpty()) {
            return;
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(meta(key), SINGLE))
                    .updateExpression("ADD rev :one DELETE archives :archive").conditionExpression("rev = :rev")
                    .expressionAttributeValues(Map.of(":one", n(1), ":archive", AttributeValue.fromSs(List.of(archive.id())),
                            ":rev", n(state.revision()))));
        } catch (ConditionalCheckFailedException e) {
            // The listing changed: whoever changed it reconsiders its archive.
        }
    }

    /** The newest articles of a listing, newest first. */
    @Override
    public List<Entry> newest(ListingKey key, int limit) {
        return entries(query(key.id()).scanIndexForward(false).limit(limit), limit);
    }

    @Override
    public Window around(ListingKey key, Instant published, String path, int each) {
        AttributeValue place = s(sortKey(published, path));
        return new Window(entries(query(key.id(), "sk < :at", place).scanIndexForward(false).limit(each), each),
                entries(query(key.id(), "sk > :at", place).limit(each), each));
    }

    /** The listing's articles on one archive page, newest first. */
    @Override
    public List<Entry> archive(ListingKey key, Archive archive) {
        List<Entry> entries = new ArrayList<>(between(key, archive.start(zone), archive.end(zone), Integer.MAX_VALUE));
        java.util.Collections.reverse(entries);
        return entries;
    }

    /** The listing's articles published from {@code from} on, oldest first. */
    @Override
    public List<Entry> since(ListingKey key, Instant from) {
        return entries(query(key.id(), "sk >= :at", s(SORTABLE.format(from))), Integer.MAX_VALUE);
    }

    private List<Entry> between(ListingKey key, Instant from, Instant until, int limit) {
        return entries(query(key.id()).keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :until")
                .expressionAttributeValues(Map.of(":pk", s(key.id()), ":from", s(SORTABLE.format(from)),
                        ":until", s(SORTABLE.format(until.minusMillis(1)) + "~")))
                .limit(Math.min(limit, 1000)), limit);
    }

    public ListingState state(ListingKey key) {
        return states(List.of(key)).get(key);
    }

    /** The state of each listing; an unknown listing is empty. */
    @Override
    public Map<ListingKey, ListingState> states(Collection<ListingKey> keys) {
        Map<String, ListingKey> byPk = new LinkedHashMap<>();
        keys.forEach(k -> byPk.put(meta(k), k));
        Map<ListingKey, ListingState> states = new LinkedHashMap<>();
        keys.forEach(k -> states.put(k, ListingState.empty(k)));
        for (Map<String, AttributeValue> item : IndexTable.singles(dynamo, table, byPk.keySet())) {
            ListingKey key = byPk.get(item.get(PK).s());
            TreeSet<Archive> archives = new TreeSet<>();
            Optional.ofNullable(item.get("archives")).ifPresent(a -> a.ss().forEach(v -> archives.add(Archive.parse(v))));
            int rankedBand = Optional.ofNullable(item.get("rankedBand")).map(v -> Integer.parseInt(v.n())).orElse(-1);
            states.put(key, new ListingState(key, number(item, "rev"), number(item, "count"), archives, rankedBand));
        }
        return states;
    }

    /**
     * Records that the lists of a tag's articles are ranked with this band, unless the listing changed
     * since {@code revision}: whoever changed it checks the band again.
     */
    public void rankedWith(ListingKey key, int band, long revision) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(meta(key), SINGLE))
                    .updateExpression("SET rankedBand = :band").conditionExpression("rev = :rev")
                    .expressionAttributeValues(Map.of(":band", n(band), ":rev", n(revision))));
        } catch (ConditionalCheckFailedException e) {
            // Changed meanwhile: the next batch to touch the tag compares its band again.
        }
    }

    private QueryRequest.Builder query(String pk) {
        return IndexTable.query(table, pk);
    }

    private QueryRequest.Builder query(String pk, String skCondition, AttributeValue at) {
        return query(pk).keyConditionExpression("pk = :pk AND " + skCondition)
                .expressionAttributeValues(Map.of(":pk", s(pk), ":at", at));
    }

    private List<Entry> entries(QueryRequest.Builder request, int limit) {
        return DynamoBatches.query(dynamo, request.build(), limit).stream().map(EntryItems::fromItem).toList();
    }

    private static String sortKey(Entry entry) {
        return sortKey(entry.published(), entry.path());
    }

    private static String sortKey(Instant published, String path) {
        return SORTABLE.format(published) + "#" + path;
    }

    private static String meta(ListingKey key) {
        return "meta#" + key.id();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(v -> Long.parseLong(v.n())).orElse(0L);
    }
}
