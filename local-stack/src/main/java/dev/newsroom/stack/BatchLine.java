package dev.newsroom.stack;

/**
 * What a stream function's batch log line says about the batch: the pages it wrote, the changes
 * it left waiting for the batch after a burst, the waiting changes it settled, and how long it took.
 * The fields a function does not log are zero.
 */
record BatchLine(int pages, int deferred, int settled, long durationMs) {
}
