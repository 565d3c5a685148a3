package io.tokenomics.contract.problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several request fields wrong in substance at once (e.g. query parameters that do not fit together). Answered as one
 * 400 problem+json naming every field, like a failed Bean Validation.
 */
public class InvalidFieldsException extends RuntimeException {
    private final List<Problem.FieldError> errors;

    public InvalidFieldsException(List<Problem.FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no field errors");
        }
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
