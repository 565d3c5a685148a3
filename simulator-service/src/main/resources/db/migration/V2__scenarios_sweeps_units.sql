-- Issue 6: full scenarios (catalog model + accelerator pinned to revisions), cancel, progress, re-runs, and sweeps whose
-- points are simulation rows of their own (one work unit per point on simulation.requests).
alter table simulation drop constraint simulation_status_check;
alter table simulation add constraint simulation_status_check
    check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'));

alter table simulation
    add column model_id        varchar(200),
    add column accelerator_id  varchar(64),
    -- the model's catalog entry at its pinned revision, JSON (null for the skeleton's parameter-count scenarios)
    add column model           text,
    add column sweep_id        varchar(36),
    add column point_index     integer,
    -- latest progress report of the running unit, JSON: percent, simulated seconds, partial metrics
    add column progress        text,
    add column attempts        integer     not null default 0,
    add column started_at      timestamptz,
    add column rerun_of        varchar(36);

update simulation set accelerator_id = (accelerator::jsonb ->> 'id') where accelerator_id is null;

create table sweep (
    id               varchar(36)  not null,
    tenant           varchar(63)  not null,
    name             varchar(200) not null,
    status           varchar(16)  not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    -- the base scenario and the grid as submitted (normalized), JSON
    scenario         text         not null,
    grid             text         not null,
    model            text         not null,
    accelerator      text         not null,
    model_id         varchar(200) not null,
    accelerator_id   varchar(64)  not null,
    points           integer      not null check (points > 0),
    -- aggregated result (every point's metrics and the Pareto frontier), JSON
    result           text,
    error            text,
    idempotency_key  varchar(200),
    created_by       varchar(200) not null,
    created_at       timestamptz  not null,
    completed_at     timestamptz,
    version          integer      not null default 0,
    constraint sweep_pk primary key (id),
    constraint sweep_idempotency_uq unique (tenant, idempotency_key)
);
create index sweep_tenant_created_idx on sweep (tenant, created_at desc, id desc);

alter table simulation add constraint simulation_sweep_fk foreign key (sweep_id) references sweep (id) on delete cascade;
create index simulation_sweep_idx on simulation (sweep_id, point_index);
create index simulation_tenant_list_idx on simulation (tenant, created_at desc, id desc) where sweep_id is null;
create index simulation_tenant_active_idx on simulation (tenant) where status in ('QUEUED', 'RUNNING') and sweep_id is null;
