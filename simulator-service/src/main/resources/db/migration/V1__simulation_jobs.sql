-- Simulation jobs. The scenario and the catalog facts it used are stored with the job, so a result can always be
-- explained and re-run even after the catalog changes.
create table simulation (
    id               varchar(36)  not null,
    tenant           varchar(63)  not null,
    name             varchar(200) not null,
    status           varchar(16)  not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    scenario         text         not null,
    accelerator      text         not null,
    result           text,
    error            text,
    idempotency_key  varchar(200),
    created_by       varchar(200) not null,
    created_at       timestamptz  not null,
    completed_at     timestamptz,
    version          integer      not null default 0,
    constraint simulation_pk primary key (id),
    constraint simulation_idempotency_uq unique (tenant, idempotency_key)
);
create index simulation_tenant_created_idx on simulation (tenant, created_at desc);

-- Transactional outbox: events are written in the same transaction as the job change they announce, and a relay
-- sends them to Kafka (awaiting the broker's ack) before marking them published. Delivery is at least once;
-- consumers are idempotent.
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
