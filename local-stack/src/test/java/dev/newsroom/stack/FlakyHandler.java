package dev.newsroom.stack;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler for plumbing tests: fails its first {@code FAIL_FIRST} invocations, then records the keys it saw. */
public final class FlakyHandler implements RequestHandler<S3Event, Void> {

    static final Map<String, List<String>> ATTEMPTS = new ConcurrentHashMap<>();
    static final Map<String, List<String>> HANDLED = new ConcurrentHashMap<>();

    private final String name;
    private final int failFirst;

    public FlakyHandler(Map<String, String> environment) {
        this.name = environment.get("NAME");
        this.failFirst = Integer.parseInt(environment.get("FAIL_FIRST"));
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        String key = event.getRecords().get(0).getS3().getObject().getUrlDecodedKey();
        List<String> attempts = ATTEMPTS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
        attempts.add(context.getAwsRequestId());
        if (attempts.size() <= failFirst) {
            throw new IllegalStateException("attempt " + attempts.size() + " fails on purpose");
        }
        HANDLED.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(key);
        return null;
    }
}
