package io.tokenomics.pricing.domain;

import java.util.List;

/** A request whose fields must agree with each other; checked by {@link Consistent}. Must be null-safe. */
public interface CrossChecked {
    record FieldProblem(String field, String message) {
    }

    List<FieldProblem> crossFieldProblems();
}
