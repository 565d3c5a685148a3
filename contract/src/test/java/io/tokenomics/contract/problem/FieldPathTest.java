package io.tokenomics.contract.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The field named in a validation problem is the JSON path a client sent: {@code configurations[1].pue}. */
class FieldPathTest {

    record Configuration(@Positive Double pue, @Valid Limits limits) {
    }

    record Limits(@Positive Integer gpus) {
    }

    record Plan(@NotBlank String name, @Valid List<Configuration> configurations, List<@NotBlank String> tags,
                Map<String, @Valid Limits> byRegion) {
    }

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private Set<String> fields(Plan plan) {
        Set<String> fields = new TreeSet<>();
        for (ConstraintViolation<Plan> v : validator.validate(plan)) {
            fields.add(ProblemExceptionMappers.ConstraintViolationMapper.fieldOf(v));
        }
        return fields;
    }

    @Test
    void indexesBelongToTheListNotToTheFieldInsideTheElement() {
        Plan plan = new Plan("", List.of(new Configuration(1.2, new Limits(1)),
                new Configuration(-1.0, new Limits(0))), List.of("ok", " "), Map.of("eu", new Limits(-3)));
        assertThat(fields(plan)).containsExactly("byRegion[eu].gpus", "configurations[1].limits.gpus",
                "configurations[1].pue", "name", "tags[1]");
    }
}
