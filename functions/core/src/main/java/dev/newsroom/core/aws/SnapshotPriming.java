package dev.newsroom.core.aws;

import dev.newsroom.core.site.SiteLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart's hook: just before Lambda snapshots an initialised function, runs the function's own
 * paths once (render a sample article, read an item, parse a comment) so the snapshot holds loaded
 * and compiled classes. Priming only reads; it keeps nothing unique to one instance, because every
 * instance resumes from the same snapshot.
 *
 * <p>The handler keeps the returned object: the checkpoint API holds its resources weakly.
 */
public final class SnapshotPriming implements Resource {

    /** An article slug priming reads and never writes. */
    public static final String SLUG = "snapstart-priming-sample";
    /** That article's path. */
    public static final String PATH = SiteLayout.articlePath(SLUG);

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPriming.class);

    private final Runnable prime;

    /**
     * A handler that primes itself for the snapshot. Public so the cold-start benchmark can run
     * the same priming in a JVM without CRaC and time the first event after it.
     */
    public interface Primable {
        /** Runs the handler's own paths once, writing nothing. */
        void prime();
    }

    private SnapshotPriming(Runnable prime) {
        this.prime = prime;
    }

    public static SnapshotPriming register(Primable handler) {
        var priming = new SnapshotPriming(handler::prime);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** The sample article priming renders: a short news story with every kind of Markdown block. */
    public static byte[] sampleArticle() {
        try (InputStream in = SnapshotPriming.class.getResourceAsStream("priming-article.md")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime.run();
        } catch (RuntimeException e) {
            // A colder snapshot is better than none.
            LOG.atWarn().addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage()).log("priming failed");
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing primed is unique to an instance, so nothing needs renewing.
    }
}
