package io.tokenomics.contract.problem;

/**
 * A request field that passed syntax validation but is wrong in substance (e.g. an id the catalog does not know).
 * Answered as 400 problem+json naming the field.
 */
public class InvalidFieldException extends RuntimeException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
