package dev.newsroom.testkit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Records the name of every request a client sends, to check what a piece of code asks AWS for. */
public final class RequestLog implements ExecutionInterceptor {

    /** The requests that only read. */
    public static final Set<String> READS = Set.of("GetItemRequest", "BatchGetItemRequest", "QueryRequest",
            "GetObjectRequest", "HeadObjectRequest", "ListObjectsV2Request");

    private final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.add(context.request().getClass().getSimpleName());
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String toString() {
        return requests.toString();
    }

    /** Whether at least one request went out, and every one only read. */
    public boolean onlyRead() {
        return !requests.isEmpty() && READS.containsAll(requests);
    }
}
