-- Transactional outbox (same DDL as simulator-service): the shared io.tokenomics.contract.outbox.OutboxEvent entity
-- is part of every service's persistence unit; pricing will publish its quote events through it.
create table outbox_event (
    id            uuid         not null,
    topic         varchar(200) not null,
    event_key     varchar(200) not null,
    event_type    varchar(200) not null,
    payload       text         not null,
    created_at    timestamptz  not null,
    published_at  timestamptz,
    constraint outbox_event_pk primary key (id)
);
create index outbox_event_unpublished_idx on outbox_event (created_at) where published_at is null;
