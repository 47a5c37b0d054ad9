package dev.newsroom.core.store;

import static dev.newsroom.core.store.ArticleItems.n;
import static dev.newsroom.core.store.ArticleItems.s;
import static dev.newsroom.core.store.IndexTable.PK;
import static dev.newsroom.core.store.IndexTable.SINGLE;
import static dev.newsroom.core.store.IndexTable.SK;
import static dev.newsroom.core.store.IndexTable.key;

import dev.newsroom.core.index.RelatedList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The related lists in the {@linkplain IndexTable index table}: each article's list
 * ({@code related#<path>}) and, for each article, the lists that show or pin it
 * ({@code listedby#<path>}, one item per list).
 */
public final class RelatedListStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public RelatedListStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<RelatedList> related(String path) {
        return Optional.ofNullable(related(List.of(path)).get(path));
    }

    public Map<String, RelatedList> related(Collection<String> paths) {
        Map<String, RelatedList> lists = new HashMap<>();
        for (Map<String, AttributeValue> item : IndexTable.singles(dynamo, table, paths.stream().map(RelatedListStore::relatedPk).toList())) {
            RelatedList list = RelatedItems.fromItem(item);
            lists.put(list.path(), list);
        }
        return lists;
    }

    /** Stores the next revision of a list; false if another writer stored one first. */
    public boolean save(RelatedList list) {
        DynamoBatches.Written written = save(List.of(list)).get(0);
        written.failure().ifPresent(failure -> {
            throw failure;
        });
        return written.written();
    }

    /**
     * Stores the next revisions of many lists, a hundred to a request, each on its own condition.
     *
     * @return for each list, in order: stored, or not because another writer stored one first, or
     *         not because of a failure
     */
    public List<DynamoBatches.Written> save(List<RelatedList> lists) {
        return DynamoBatches.transact(dynamo, lists.stream().map(this::put).toList());
    }

    private TransactWriteItem put(RelatedList list) {
        Map<String, AttributeValue> item = RelatedItems.toItem(list);
        item.put(PK, s(relatedPk(list.path())));
        item.put(SK, s(SINGLE));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression(list.revision() == 1 ? "attribute_not_exists(pk)" : "rev = :previous")
                .expressionAttributeValues(list.revision() == 1 ? null : Map.of(":previous", n(list.revision() - 1)))).build();
    }

    /** The articles whose lists show or pin the article at {@code path}. */
    public Set<String> listers(String path) {
        Set<String> listers = new TreeSet<>();
        for (Map<String, AttributeValue> item : DynamoBatches.query(dynamo, IndexTable.query(table, "listedby#" + path).build(),
                Integer.MAX_VALUE)) {
            listers.add(item.get(SK).s());
        }
        return listers;
    }

    /** That {@code lister}'s list now shows or pins {@code added}, and no longer {@code removed}. */
    public record Links(String lister, Collection<String> added, Collection<String> removed) {
    }

    /** Records who lists whom, for many lists at once, a hundred writes to a request. */
    public void relink(Collection<Links> lists) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (Links links : lists) {
            links.added().forEach(path -> writes.add(TransactWriteItem.builder()
                    .put(p -> p.tableName(table).item(key("listedby#" + path, links.lister()))).build()));
            links.removed().forEach(path -> writes.add(TransactWriteItem.builder()
                    .delete(d -> d.tableName(table).key(key("listedby#" + path, links.lister()))).build()));
        }
        // A hundred to a request, where a batch write takes 25: DynamoDB Local commits each request on its own.
        DynamoBatches.transactEach(dynamo, writes);
    }

    private static String relatedPk(String path) {
        return "related#" + path;
    }
}
