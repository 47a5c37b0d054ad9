package dev.newsroom.core.logging;

import dev.newsroom.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * Writes each event as one JSON line on standard output, which Lambda sends to CloudWatch Logs:
 * timestamp, level, message, service, logger, the invocation's fields ({@link JsonLogs}), the
 * event's key-value pairs (SLF4J's fluent API) and the error, if any. The field names are
 * Powertools' own, so queries written for Powertools logs keep working. A pair whose value is
 * {@link EmbeddedMetrics.Metrics} makes the line a metric line ({@link EmbeddedMetrics#record}).
 */
final class JsonLinesLogger extends LegacyAbstractLogger implements LoggingEventAware {

    /** Only our own code logs at INFO; libraries only warn. */
    private static final String OWN_PREFIX = "dev.newsroom.";

    private final boolean own;

    JsonLinesLogger(String name) {
        this.name = name;
        this.own = name.startsWith(OWN_PREFIX);
    }

    private boolean enabled(Level level) {
        JsonLogs.Invocation invocation = JsonLogs.current();
        LogSettings settings = invocation == null ? LogSettings.DEFAULT : invocation.settings();
        return settings.enabled(level) && (own || level.toInt() >= Level.WARN.toInt());
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments, Throwable error) {
        write(level, name, MessageFormatter.basicArrayFormat(message, arguments), List.of(), error);
    }

    @Override
    public void log(LoggingEvent event) {
        if (enabled(event.getLevel())) {
            List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
            write(event.getLevel(), name, MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray()), pairs,
                    event.getThrowable());
        }
    }

    /** A string, number or boolean as itself; anything else as its text, so logging never fails the work it reports on. */
    private static Object value(Object value) {
        return value == null || Json.isScalar(value) ? value : String.valueOf(value);
    }

    /** Writes one line, whatever the level in force: the caller has decided it is to be written. */
    static void write(Level level, String logger, String message, List<KeyValuePair> pairs, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level.name());
        line.put("message", message);
        JsonLogs.Invocation invocation = JsonLogs.current();
        LogSettings settings = invocation == null ? LogSettings.DEFAULT : invocation.settings();
        line.put("service", settings.service());
        line.put("logger", logger);
        if (invocation != null && invocation.context() != null) {
            var context = invocation.context();
            line.put("function_name", context.getFunctionName());
            line.put("function_version", context.getFunctionVersion());
            line.put("function_memory_size", context.getMemoryLimitInMB());
            line.put("function_request_id", context.getAwsRequestId());
            line.put("cold_start", invocation.coldStart());
        }
        // Java 17's runtime passes the trace in a system property; older ones in the environment.
        String trace = System.getProperty("com.amazonaws.xray.traceHeader", System.getenv("_X_AMZN_TRACE_ID"));
        if (trace != null) {
            line.put("xray_trace_id", trace);
        }
        for (KeyValuePair pair : pairs) {
            if (pair.value instanceof EmbeddedMetrics.Metrics metrics) {
                EmbeddedMetrics.put(line, settings.stack(), metrics, Instant.now());
            } else {
                line.put(pair.key, value(pair.value));
            }
        }
        if (error != null) {
            line.put("error", error.getClass().getName() + ": " + error.getMessage());
        }
        // UTF-8 whatever the locale; and whatever System.out is now, since tests swap it to read the lines.
        byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        System.out.write(bytes, 0, bytes.length);
        System.out.flush();
    }
}
