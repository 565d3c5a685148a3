package io.tokenomics.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, the value of every Kafka record the platform sends.
 *
 * @param id      unique per event; consumers use it (or the subject) to drop duplicates, since delivery is at least once
 * @param source  the producing service, e.g. {@code /simulator-service}
 * @param type    one of {@link EventTypes}
 * @param subject what the event is about, e.g. the simulation id; also the Kafka record key
 * @param time    when the fact happened
 * @param tenant  extension attribute: the tenant that owns the subject
 * @param data    the payload, one of the records in this package
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String tenant,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    public static <T> CloudEvent<T> of(String source, String type, String subject, String tenant, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                OffsetDateTime.now(), "application/json", tenant, data);
    }
}
