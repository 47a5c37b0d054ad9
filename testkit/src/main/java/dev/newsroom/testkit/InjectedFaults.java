package dev.newsroom.testkit;

import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Faults put into a client's requests, as a network or service failure would show to the code under test. */
public final class InjectedFaults {

    private InjectedFaults() {
    }

    /** Fails every request {@code which} matches before it is sent, with a client exception naming it. */
    public static ExecutionInterceptor failing(Predicate<SdkRequest> which) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (which.test(context.request())) {
                    throw SdkClientException.create("injected failure of " + context.request().getClass().getSimpleName());
                }
            }
        };
    }
}
