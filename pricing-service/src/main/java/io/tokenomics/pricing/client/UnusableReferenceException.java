package io.tokenomics.pricing.client;

/**
 * An id in the request that another service does not know for the caller (404: absent or another tenant's, which is
 * indistinguishable) or cannot serve yet (409: a sweep that has not finished). Answered with that status as
 * problem+json naming the request field.
 */
public class UnusableReferenceException extends RuntimeException {
    private final int status;
    private final String field;

    public UnusableReferenceException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
