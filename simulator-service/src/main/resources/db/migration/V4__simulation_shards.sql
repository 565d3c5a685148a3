-- A large scenario split by replica into shards, each its own work unit on simulation.requests. A shard's result is
-- stored here keyed by (simulation, shard), so a redelivered shard is recognised and counted once; the unit that
-- completes the last shard merges them (HdrHistograms added exactly) into the job's result.
create table simulation_shard (
    id             varchar(48)  not null,
    simulation_id  varchar(36)  not null references simulation (id) on delete cascade,
    shard          integer      not null check (shard >= 0),
    status         varchar(16)  not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    attempts       integer      not null default 0,
    worker         varchar(200),
    -- the shard's engine report (JSON) and its encoded latency distributions (JSON of Base64 HdrHistograms)
    report         text,
    latency        text,
    completed_at   timestamptz,
    constraint simulation_shard_pk primary key (id),
    constraint simulation_shard_uq unique (simulation_id, shard)
);
