package io.tokenomics.catalog.domain;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-field rules of a spec (e.g. KV heads divide heads), reported by Hibernate Validator like any field constraint:
 * one violation per offending field, so a 400 names every one of them together with the single-field violations.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DomainRules.Check.class)
public @interface DomainRules {
    String message() default "violates a domain rule";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A spec that knows its own cross-field rules. */
    interface Ruled {
        /** Adds one {@link Violation} per broken rule; called only on a spec whose fields passed their own checks or not. */
        void checkRules(List<Violation> violations);
    }

    record Violation(String field, String message) {
    }

    class Check implements ConstraintValidator<DomainRules, Ruled> {
        @Override
        public boolean isValid(Ruled spec, ConstraintValidatorContext context) {
            if (spec == null) {
                return true;
            }
            List<Violation> violations = new ArrayList<>();
            spec.checkRules(violations);
            if (violations.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (Violation v : violations) {
                context.buildConstraintViolationWithTemplate(v.message().replace("{", "\\{").replace("$", "\\$"))
                        .addPropertyNode(v.field()).addConstraintViolation();
            }
            return false;
        }
    }
}
