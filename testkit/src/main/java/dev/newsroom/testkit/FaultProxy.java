package dev.newsroom.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback in front of a local service (DynamoDB Local, S3Proxy), which cuts the path
 * to it on command, as a network or a failing service would: connections refused, reset in the
 * middle of a response, delayed, or stalled. Each connection is forwarded byte for byte while the
 * path is {@link Fault#NONE}; a fault applies at once to every connection, open or new.
 */
public final class FaultProxy implements AutoCloseable {

    /** What happens to the path now. */
    public enum Fault {
        /** Bytes flow both ways. */
        NONE,
        /** New connections are reset as they open, and open ones are reset: nothing gets through. */
        REFUSE,
        /** Requests reach the service, but each response is cut with a reset after its headers and a first byte of body. */
        RESET_MID_RESPONSE,
        /** As {@link #RESET_MID_RESPONSE}, for every third response only: a flaky network under load. */
        RESET_SOME_RESPONSES,
        /** Every chunk of a response waits {@link #delay} first. */
        DELAY,
        /** Connections open, and nothing comes back until the fault clears. */
        STALL
    }

    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};
    private static final int FIRST_BODY_BYTES = 1;

    private final URI target;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private volatile Duration delay = Duration.ofMillis(200);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong faulted = new AtomicLong();
    private final AtomicLong responses = new AtomicLong();

    private FaultProxy(URI target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
    }

    /** A proxy to {@code target} (http://host:port), listening on a free loopback port. */
    public static FaultProxy start(URI target) {
        try {
            FaultProxy proxy = new FaultProxy(target, new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
            proxy.threads.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on loopback", e);
        }
    }

    /** Where clients reach the service through this proxy. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Puts {@code fault} on the path, from now on; {@link Fault#NONE} clears it. */
    public void set(Fault now) {
        fault.set(now);
        if (now == Fault.REFUSE && !open.isEmpty()) {
            faulted.incrementAndGet();
            open.forEach(FaultProxy::reset);
        }
    }

    /** How long {@link Fault#DELAY} holds each chunk of a response. */
    public void delay(Duration each) {
        delay = each;
    }

    /** Connections opened through the proxy so far. */
    public long connections() {
        return connections.get();
    }

    /** Connections a fault refused, reset or held so far: what the clients behind it met. */
    public long faulted() {
        return faulted.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                if (fault.get() == Fault.REFUSE) {
                    faulted.incrementAndGet();
                    reset(client);
                    continue;
                }
                threads.execute(() -> connect(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void connect(Socket client) {
        try {
            Socket service = new Socket(target.getHost(), target.getPort());
            open.add(client);
            open.add(service);
            threads.execute(() -> pump(client, service, false));
            pump(service, client, true);
        } catch (IOException e) {
            reset(client);
        }
    }

    /** Copies {@code from} to {@code to} until either ends; a response is where the faults act. */
    private void pump(Socket from, Socket to, boolean response) {
        byte[] buffer = new byte[16 * 1024];
        boolean counted = false;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!response && fault.get() == Fault.REFUSE) {
                    throw new IOException("refused"); // nothing reaches the service during a cut, a write least of all
                }
                if (response) {
                    Fault now = fault.get();
                    // Where a response's body starts: where the reset faults cut, inside the body, where HTTP's framing
                    // (Content-Length) shows the client it was cut. Over plain HTTP, a cut inside the headers reads to the
                    // JDK's client as a whole, empty answer; over TLS, as on AWS, any cut is seen.
                    int bodyStart = indexOf(buffer, read, HEADERS_END);
                    boolean cut = bodyStart >= 0 && bodyStart + HEADERS_END.length < read && (now == Fault.RESET_MID_RESPONSE
                            || now == Fault.RESET_SOME_RESPONSES && responses.incrementAndGet() % 3 == 0);
                    boolean acts = now == Fault.REFUSE || now == Fault.DELAY || now == Fault.STALL || cut;
                    if (acts && !counted) {
                        faulted.incrementAndGet();
                        counted = true;
                    }
                    switch (now) {
                        case REFUSE -> throw new IOException("refused");
                        case RESET_MID_RESPONSE, RESET_SOME_RESPONSES -> {
                            if (cut) {
                                out.write(buffer, 0, Math.min(read, bodyStart + HEADERS_END.length + FIRST_BODY_BYTES));
                                out.flush();
                                throw new IOException("reset mid-response");
                            }
                        }
                        case DELAY -> Thread.sleep(delay.toMillis());
                        case STALL -> {
                            while (fault.get() == Fault.STALL && !to.isClosed()) {
                                Thread.sleep(50);
                            }
                        }
                        case NONE -> { }
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side ended, or the fault cut the path: both ends are reset below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drop(from);
            drop(to);
        }
    }

    private static int indexOf(byte[] buffer, int length, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (buffer[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void drop(Socket socket) {
        open.remove(socket);
        reset(socket);
    }

    /** Closes with a reset (RST), as a dropped connection reaches the client, not a polite end. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closed already
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(FaultProxy::reset);
        threads.shutdownNow();
    }
}
