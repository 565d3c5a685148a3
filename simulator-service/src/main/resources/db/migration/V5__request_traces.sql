-- Request traces uploaded by a tenant (CSV or JSONL), replayed by scenarios that name them (workload.traceId).
-- Immutable once stored; the summary figures fill in the scenario's arrival rate and lengths for memory planning.
create table request_trace (
    id               varchar(36)      not null,
    tenant           varchar(63)      not null,
    name             varchar(200)     not null,
    format           varchar(8)       not null check (format in ('csv', 'jsonl')),
    bytes            bigint           not null check (bytes > 0),
    requests         bigint           not null check (requests > 0),
    first_timestamp  double precision not null,
    last_timestamp   double precision not null,
    mean_input       double precision not null,
    mean_output      double precision not null,
    max_input        integer          not null,
    max_output       integer          not null,
    created_by       varchar(200)     not null,
    created_at       timestamptz      not null,
    constraint request_trace_pk primary key (id)
);
create index request_trace_tenant_idx on request_trace (tenant, created_at desc, id desc);

-- the trace itself, apart from its summary (lists never load it)
create table request_trace_content (
    trace_id  varchar(36) not null references request_trace (id) on delete cascade,
    content   text        not null,
    constraint request_trace_content_pk primary key (trace_id)
);
