package dev.newsroom.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Counts the DynamoDB items a client reads, whatever code reads them: what a change costs in reads. */
final class ItemsRead implements ExecutionInterceptor {

    private final AtomicLong items = new AtomicLong();

    long count() {
        return items.get();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof GetItemResponse get && get.hasItem() && !get.item().isEmpty()) {
            items.incrementAndGet();
        } else if (context.response() instanceof QueryResponse query) {
            items.addAndGet(query.count());
        } else if (context.response() instanceof BatchGetItemResponse batch) {
            batch.responses().values().forEach(list -> items.addAndGet(list.size()));
        }
    }
}
