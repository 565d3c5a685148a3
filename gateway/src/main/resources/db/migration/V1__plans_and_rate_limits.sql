-- Plans: what each tier of customer may do. Limits are per tenant; simulator-service enforces the job limits.
create table plan (
    name                    varchar(32) not null,
    requests_per_minute     integer     not null check (requests_per_minute > 0),
    burst                   integer     not null check (burst > 0),
    max_requests_per_simulation bigint  not null check (max_requests_per_simulation > 0),
    max_sweep_points        integer     not null check (max_sweep_points > 0),
    max_concurrent_jobs     integer     not null check (max_concurrent_jobs > 0),
    updated_at              timestamptz not null default now(),
    constraint plan_pk primary key (name)
);
insert into plan (name, requests_per_minute, burst, max_requests_per_simulation, max_sweep_points, max_concurrent_jobs)
values ('free', 120, 30, 100000, 50, 1),
       ('pro', 1200, 200, 10000000, 1000, 5),
       ('enterprise', 12000, 2000, 100000000, 10000, 50),
       -- the platform's own service clients (tenant 'platform'): effectively unthrottled
       ('internal', 6000000, 100000, 1000000000, 100000, 1000);

-- Which plan a tenant is on; a tenant without a row is on 'free'.
create table tenant_plan (
    tenant      varchar(63) not null,
    plan        varchar(32) not null references plan (name),
    updated_at  timestamptz not null default now(),
    updated_by  varchar(200) not null,
    constraint tenant_plan_pk primary key (tenant)
);
insert into tenant_plan (tenant, plan, updated_by)
values ('acme', 'pro', 'seed'), ('globex', 'free', 'seed'), ('platform', 'internal', 'seed');

-- Token buckets, one per tenant, shared by every gateway replica: refilled continuously at the plan's rate,
-- updated atomically by a single statement per request (row lock), so replicas never double-spend a token.
create table rate_bucket (
    tenant      varchar(63)      not null,
    tokens      double precision not null,
    updated_at  timestamptz      not null,
    last_allowed boolean         not null,
    constraint rate_bucket_pk primary key (tenant)
);
