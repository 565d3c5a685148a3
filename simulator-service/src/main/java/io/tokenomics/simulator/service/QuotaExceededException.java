package io.tokenomics.simulator.service;

/**
 * A request over the tenant's plan: 422 for a size limit (naming the field), 429 with Retry-After for the concurrency
 * limit. Never answered by silently truncating the request.
 */
public class QuotaExceededException extends RuntimeException {
    private final int status;
    private final String field;
    private final long retryAfterSeconds;

    private QuotaExceededException(int status, String field, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static QuotaExceededException size(String field, String message) {
        return new QuotaExceededException(422, field, message, 0);
    }

    public static QuotaExceededException concurrency(String message, long retryAfterSeconds) {
        return new QuotaExceededException(429, null, message, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
