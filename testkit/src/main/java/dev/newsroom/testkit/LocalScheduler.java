package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's one-time schedules on loopback: {@code CreateSchedule},
 * {@code UpdateSchedule}, {@code GetSchedule} and {@code DeleteSchedule} as the SDK sends them
 * (REST with JSON), with the scheduler's checks on names, groups and {@code at()} expressions and
 * its errors ({@code ConflictException}, {@code ResourceNotFoundException},
 * {@code ValidationException}). Each schedule invokes its target at its time with its input, through
 * {@link Invoker}, which hands the event over as Lambda's asynchronous invocation does; one it
 * refuses (no such target) is retried, and then handed to the dead-letter queue's stand-in. {@code ActionAfterCompletion: DELETE} deletes it once it has fired. With a file, the
 * schedules outlive a restart, and one whose time passed while the stack was down fires at start.
 */
public final class LocalScheduler implements AutoCloseable {

    /** The local stack's schedule group, and the roles and queue the schedules name. */
    public static final String GROUP = "newsroom-local";
    public static final String ROLE_ARN = "arn:aws:iam::000000000000:role/local-scheduler";
    public static final String DEAD_LETTER_ARN = "arn:aws:sqs:us-east-1:000000000000:local-scheduled-failures";
    /** Retries here come after 1 s and 2 s, not the scheduler's backoff of minutes; at most this many. */
    static final int MAX_LOCAL_RETRIES = 2;

    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern PATH = Pattern.compile("/schedules/([^/?]+)");

    /** Invokes a schedule's target: a function, by its ARN. Throws if the invocation failed. */
    @FunctionalInterface
    public interface Invoker {
        void invoke(String targetArn, String input);
    }

    /** Where an invocation goes that failed every retry: the dead-letter queue's stand-in. */
    @FunctionalInterface
    public interface DeadLetters {
        void accept(Schedule schedule, RuntimeException failure);
    }

    /** A schedule as kept: its name, when it fires, and its target's ARN and input. */
    public record Schedule(String name, Instant at, String targetArn, String input, boolean deleteAfter, int retries) {
    }

    private final HttpServer server;
    private final Optional<Path> file;
    private final Invoker invoker;
    private final DeadLetters deadLetters;
    private final Duration skew;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    // Guarded by this.
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final Map<String, ScheduledFuture<?>> timers = new LinkedHashMap<>();
    private boolean running;

    private LocalScheduler(HttpServer server, Optional<Path> file, Invoker invoker, DeadLetters deadLetters, Duration skew, Clock clock)
            throws IOException {
        this.server = server;
        this.file = file;
        this.invoker = invoker;
        this.deadLetters = deadLetters;
        this.skew = skew;
        this.clock = clock;
        if (file.isPresent() && Files.exists(file.get())) {
            for (JsonNode saved : LocalJson.mapper().readTree(file.get().toFile())) {
                Schedule schedule = new Schedule(saved.path("name").asText(), Instant.parse(saved.path("at").asText()),
                        saved.path("targetArn").asText(), saved.path("input").asText(), saved.path("deleteAfter").asBoolean(),
                        saved.path("retries").asInt());
                synchronized (this) {
                    put(schedule);
                }
            }
        }
        server.createContext("/", this::serve);
        server.start();
    }

    /**
     * A scheduler on a free loopback port whose schedules fire {@code skew} before their time by
     * our clock (zero but in tests of a scheduler whose clock runs ahead), once {@link #run()} is called.
     */
    public static LocalScheduler start(Optional<Path> file, Invoker invoker, DeadLetters deadLetters, Duration skew) throws IOException {
        return new LocalScheduler(LoopbackHttpServer.create(0, 16), file, invoker, deadLetters, skew, Clock.systemUTC());
    }

    /** Starts firing: the schedules kept from before, those overdue at once, and every one set from now on. */
    public synchronized void run() {
        running = true;
        List.copyOf(schedules.values()).forEach(this::put);
    }

    /** Where the scheduler is: a function's {@code AWS_ENDPOINT_URL_SCHEDULER}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The ARN a schedule names to invoke the local function {@code functionId}, through its alias as on AWS. */
    public static String functionArn(String functionId) {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionId + ":live";
    }

    /** The function a {@link #functionArn} names. */
    public static Optional<String> functionId(String arn) {
        Matcher m = Pattern.compile("arn:aws:lambda:us-east-1:000000000000:function:([A-Za-z0-9]+):live").matcher(arn);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** What a function that sets schedules is given in place of the template's values, which only AWS resolves. */
    public static Map<String, String> environment(URI scheduler, String functionId) {
        return Map.of("AWS_ENDPOINT_URL_SCHEDULER", scheduler.toString(), "SCHEDULE_GROUP", GROUP, "SCHEDULE_ROLE_ARN", ROLE_ARN,
                "SCHEDULE_DEAD_LETTER_ARN", DEAD_LETTER_ARN, "SCHEDULE_TARGET_ARN", functionArn(functionId));
    }

    /** The scheduler of a set of functions run without one (benchmarks, jar checks): no address answers there. */
    public static final URI NONE = URI.create("https://scheduler.invalid/");

    /** The schedules waiting to fire, soonest first. */
    public synchronized List<Schedule> schedules() {
        List<Schedule> waiting = new ArrayList<>(schedules.values());
        waiting.sort(java.util.Comparator.comparing(Schedule::at));
        return waiting;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                error(exchange, 404, "ResourceNotFoundException", "only /schedules/{Name} is served here");
                return;
            }
            String name = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
            Map<String, String> query = FormFields.parse(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
            JsonNode body = exchange.getRequestMethod().equals("POST") || exchange.getRequestMethod().equals("PUT")
                    ? LocalJson.mapper().readTree(exchange.getRequestBody().readAllBytes()) : LocalJson.mapper().createObjectNode();
            String group = body.has("GroupName") ? body.path("GroupName").asText() : query.getOrDefault("groupName", "default");
            if (!NAME.matcher(name).matches()) {
                error(exchange, 400, "ValidationException", "1 validation error detected: Value at 'name' failed to satisfy constraint");
                return;
            }
            if (!group.equals(GROUP)) {
                error(exchange, 404, "ResourceNotFoundException", "Schedule group " + group + " does not exist.");
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "POST" -> write(exchange, name, body, false);
                case "PUT" -> write(exchange, name, body, true);
                case "GET" -> get(exchange, name);
                case "DELETE" -> delete(exchange, name);
                default -> error(exchange, 405, "ValidationException", "method not allowed");
            }
        }
    }

    private void write(HttpExchange exchange, String name, JsonNode body, boolean update) throws IOException {
        Matcher at = AT.matcher(body.path("ScheduleExpression").asText());
        JsonNode target = body.path("Target");
        String timezone = body.path("ScheduleExpressionTimezone").asText("UTC");
        if (!at.matches()) {
            error(exchange, 400, "ValidationException", "Invalid Schedule Expression " + body.path("ScheduleExpression").asText()
                    + "; only one-time at(yyyy-mm-ddThh:mm:ss) schedules are served here");
            return;
        }
        if (!timezone.equals("UTC") || !body.path("FlexibleTimeWindow").has("Mode") || !target.has("Arn") || !target.has("RoleArn")) {
            error(exchange, 400, "ValidationException", "a schedule needs FlexibleTimeWindow, Target.Arn and Target.RoleArn; here in UTC");
            return;
        }
        Instant when;
        try {
            when = LocalDateTime.parse(at.group(1)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            error(exchange, 400, "ValidationException", "Invalid Schedule Expression " + at.group());
            return;
        }
        Schedule schedule = new Schedule(name, when, target.path("Arn").asText(), target.path("Input").asText("{}"),
                body.path("ActionAfterCompletion").asText("NONE").equals("DELETE"),
                Math.min(MAX_LOCAL_RETRIES, target.path("RetryPolicy").path("MaximumRetryAttempts").asInt(185)));
        synchronized (this) {
            if (update != schedules.containsKey(name)) {
                error(exchange, update ? 404 : 409, update ? "ResourceNotFoundException" : "ConflictException",
                        update ? "Schedule " + name + " does not exist." : "Schedule " + name + " already exists.");
                return;
            }
            put(schedule);
            save();
        }
        LoopbackHttpServer.send(exchange, 200, "application/json",
                LocalJson.mapper().createObjectNode().put("ScheduleArn", arn(name)).toString());
    }

    private void get(HttpExchange exchange, String name) throws IOException {
        Schedule schedule;
        synchronized (this) {
            schedule = schedules.get(name);
        }
        if (schedule == null) {
            error(exchange, 404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
            return;
        }
        ObjectNode answer = LocalJson.mapper().createObjectNode().put("Name", name).put("GroupName", GROUP).put("Arn", arn(name))
                .put("ScheduleExpression", "at(" + LocalDateTime.ofInstant(schedule.at(), ZoneOffset.UTC) + ")")
                .put("ScheduleExpressionTimezone", "UTC").put("State", "ENABLED")
                .put("ActionAfterCompletion", schedule.deleteAfter() ? "DELETE" : "NONE");
        answer.putObject("Target").put("Arn", schedule.targetArn()).put("Input", schedule.input());
        LoopbackHttpServer.send(exchange, 200, "application/json", answer.toString());
    }

    private void delete(HttpExchange exchange, String name) throws IOException {
        synchronized (this) {
            if (remove(name) == null) {
                error(exchange, 404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
                return;
            }
            save();
        }
        LoopbackHttpServer.send(exchange, 200, "application/json", "{}");
    }

    /** Keeps the schedule and sets its timer, replacing any of the same name. Holding this. */
    private void put(Schedule schedule) {
        remove(schedule.name());
        schedules.put(schedule.name(), schedule);
        if (!running) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), schedule.at().minus(skew)).toMillis());
        timers.put(schedule.name(), timer.schedule(() -> fire(schedule, 0), delay, TimeUnit.MILLISECONDS));
    }

    private Schedule remove(String name) {
        Optional.ofNullable(timers.remove(name)).ifPresent(t -> t.cancel(false));
        return schedules.remove(name);
    }

    private void fire(Schedule schedule, int retry) {
        try {
            invoker.invoke(schedule.targetArn(), schedule.input());
        } catch (RuntimeException e) {
            if (retry < schedule.retries()) {
                timer.schedule(() -> fire(schedule, retry + 1), retry + 1L, TimeUnit.SECONDS);
                return;
            }
            deadLetters.accept(schedule, e);
        }
        synchronized (this) {
            // Done, unless it was set again meanwhile: a new time is a new schedule of the same name.
            if (schedule.deleteAfter() && schedules.get(schedule.name()) == schedule) {
                remove(schedule.name());
                save();
            }
        }
    }

    /** Holding this. */
    private void save() {
        if (file.isEmpty()) {
            return;
        }
        var list = LocalJson.mapper().createArrayNode();
        schedules.values().forEach(s -> list.addObject().put("name", s.name()).put("at", s.at().toString()).put("targetArn", s.targetArn())
                .put("input", s.input()).put("deleteAfter", s.deleteAfter()).put("retries", s.retries()));
        try {
            Path temporary = file.get().resolveSibling(file.get().getFileName() + ".tmp");
            Files.writeString(temporary, list.toString());
            Files.move(temporary, file.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the schedules in " + file.get(), e);
        }
    }

    private static String arn(String name) {
        return "arn:aws:scheduler:us-east-1:000000000000:schedule/" + GROUP + "/" + name;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        LoopbackHttpServer.send(exchange, status, "application/json",
                LocalJson.mapper().createObjectNode().put("Message", message).toString());
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
    }
}
