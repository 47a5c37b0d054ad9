package dev.newsroom.stack;

/**
 * A write to a bucket, as S3 would report it in an event notification.
 *
 * @param eventName such as {@code ObjectCreated:Put} or {@code ObjectRemoved:Delete}
 * @param size      bytes, for creations; -1 for removals
 * @param eTag      unquoted, for creations; null for removals
 * @param sequencer per-key order, as a hex string
 */
record ObjectChange(String bucket, String key, String eventName, long size, String eTag, String sequencer) {

    boolean created() {
        return eventName.startsWith("ObjectCreated:");
    }
}
