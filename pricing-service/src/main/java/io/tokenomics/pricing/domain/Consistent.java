package io.tokenomics.pricing.domain;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Cross-field rules of a request record (shares summing to 100 %, a path needing its own fields, ...). Every rule that
 * fails becomes its own violation on the named field, so one 400 problem+json lists all offending fields together
 * with the per-field constraints.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Consistent.Validator.class)
public @interface Consistent {
    String message() default "inconsistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Consistent, CrossChecked> {
        @Override
        public boolean isValid(CrossChecked value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            var problems = value.crossFieldProblems();
            if (problems.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (CrossChecked.FieldProblem p : problems) {
                context.buildConstraintViolationWithTemplate(p.message().replace("{", "\\{").replace("$", "\\$"))
                        .addPropertyNode(p.field()).addConstraintViolation();
            }
            return false;
        }
    }
}
