package dev.newsroom.stack;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream handler for plumbing tests. It records the ids of each batch it gets, and can fail:
 * {@code FAIL_ID} reports that record failed {@code FAIL_TIMES} times; {@code THROW_FIRST} throws on
 * the first batch; {@code BLANK_FAILURE} reports an empty item identifier once.
 */
public final class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    static final Map<String, List<List<String>>> BATCHES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    private final String name;
    private final Map<String, String> env;

    public RecordingStreamHandler(Map<String, String> environment) {
        this.name = environment.get("NAME");
        this.env = environment;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<String> ids = new ArrayList<>();
        event.getRecords().forEach(r -> ids.add(r.getDynamodb().getKeys().get("id").getS()));
        List<List<String>> batches = BATCHES.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
        batches.add(ids);
        AtomicInteger failures = FAILURES.computeIfAbsent(name, n -> new AtomicInteger());
        if (env.containsKey("THROW_FIRST") && batches.size() == 1) {
            throw new IllegalStateException("first batch fails on purpose");
        }
        if (env.containsKey("BLANK_FAILURE") && batches.size() == 1) {
            return StreamsEventResponse.builder().withBatchItemFailures(
                    List.of(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier("").build())).build();
        }
        String failId = env.get("FAIL_ID");
        int failTimes = Integer.parseInt(env.getOrDefault("FAIL_TIMES", "0"));
        List<StreamsEventResponse.BatchItemFailure> failed = new ArrayList<>();
        for (var record : event.getRecords()) {
            if (record.getDynamodb().getKeys().get("id").getS().equals(failId) && failures.get() < failTimes) {
                failures.incrementAndGet();
                failed.add(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build());
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failed).build();
    }
}
