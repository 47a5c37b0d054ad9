package dev.newsroom.relate;

/**
 * One article's records in a batch, merged into one change (from before its first record to after
 * its last), with the position of its first record: if work the change causes fails, the batch is
 * delivered again from there (A6).
 */
record BatchChange(int first, ArticleChange change) {

    String path() {
        return change.path();
    }
}
