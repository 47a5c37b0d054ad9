package dev.newsroom.core.article;

/** If any YAML tag ever loaded or instantiated this class, the parser test would see the flag. */
public final class InstantiationCanary {

    static {
        ArticleParserTest.CANARY_LOADED.set(true);
    }
}
