-- Regional electricity prices, each with its source. basis: 'sourced' (the figure as published) or 'upper-bound'
-- (the source gives only "below x"; x is stored, so costs computed with it are upper bounds).
create table power_price (
    region       varchar(32)    not null,
    usd_per_kwh  numeric(10, 6) not null check (usd_per_kwh >= 0),
    basis        varchar(16)    not null check (basis in ('sourced', 'upper-bound', 'assumption')),
    description  text           not null,
    source       text           not null,
    constraint power_price_pk primary key (region)
);

insert into power_price (region, usd_per_kwh, basis, description, source) values
  ('US', 0.091000, 'sourced', 'US average industrial electricity price, about 9.1 US cents per kWh',
   'shared/seeds/001_57d5647b3dbfcefd.txt, Xi Niu Cai Jing 2025-11-07 (中美算力,都等电来): "The average industrial electricity cost in the U.S. is approximately 9.1 cents per kWh"'),
  ('CN-WEST', 0.040000, 'upper-bound', 'western China data-center regions, below 4 US cents per kWh (4.0 stored: an upper bound)',
   'shared/seeds/001_57d5647b3dbfcefd.txt, Xi Niu Cai Jing 2025-11-07: "certain regions in China have reduced costs to below 4 cents per kWh"');

-- Price books: tenant-scoped (tenant = the owner) or public (tenant is null, written by platform admins only).
-- Every change writes a new immutable revision; current_revision points at the latest.
create table price_book (
    id                uuid         not null,
    tenant            varchar(63),
    name              varchar(100) not null,
    current_revision  integer      not null check (current_revision > 0),
    archived          boolean      not null default false,
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now(),
    constraint price_book_pk primary key (id)
);
create index price_book_tenant_idx on price_book (tenant);

create table price_book_revision (
    price_book_id  uuid         not null references price_book (id),
    revision       integer      not null check (revision > 0),
    terms_json     text         not null,
    created_by     varchar(255),
    created_at     timestamptz  not null default now(),
    constraint price_book_revision_pk primary key (price_book_id, revision)
);

-- The default price book of a tenant (scope = tenant id), or of the platform (scope = '*') for tenants without one.
create table default_price_book (
    scope          varchar(63) not null,
    price_book_id  uuid        not null references price_book (id),
    constraint default_price_book_pk primary key (scope)
);

-- Quotes: immutable, pinned to the price-book revision they were computed with. One quote per simulation from
-- simulation.completed events (partial unique index), and at most one per simulation and book revision.
create table quote (
    id                          uuid           not null,
    tenant                      varchar(63)    not null,
    simulation_id               varchar(64)    not null,
    origin                      varchar(16)    not null check (origin in ('event', 'recompute')),
    event_id                    varchar(64),
    price_book_id               uuid           not null,
    price_book_revision         integer        not null,
    currency                    char(3)        not null,
    per_million_output_tokens   numeric(18, 6) not null,
    figures_json                text           not null,
    result_json                 text           not null,
    computed_at                 timestamptz    not null default now(),
    constraint quote_pk primary key (id),
    constraint quote_event_uk unique (event_id),
    constraint quote_revision_uk unique (tenant, simulation_id, price_book_id, price_book_revision),
    constraint quote_revision_fk foreign key (price_book_id, price_book_revision)
        references price_book_revision (price_book_id, revision)
);
create unique index quote_event_simulation_uk on quote (simulation_id) where origin = 'event';
create index quote_tenant_idx on quote (tenant, computed_at);

-- Revisions and quotes never change once written.
create function pricing_forbid_update() returns trigger language plpgsql as $$
begin
    raise exception '% rows are immutable', tg_table_name;
end
$$;
create trigger price_book_revision_immutable before update on price_book_revision
    for each row execute function pricing_forbid_update();
create trigger quote_immutable before update on quote
    for each row execute function pricing_forbid_update();

-- The public default price book.
insert into price_book (id, tenant, name, current_revision)
values ('00000000-0000-0000-0000-000000000001', null, 'Platform defaults', 1);
insert into price_book_revision (price_book_id, revision, terms_json, created_by)
values ('00000000-0000-0000-0000-000000000001', 1, '{"currency": "USD", "fxRatesPerUsd": {}, "accelerators": [{"acceleratorId": "H100", "tco": {"path": "RENT", "rentalUsdPerGpuHour": 2.0, "powerIncludedInRental": true, "wattsPerGpu": 700}, "source": "rental 2.00 USD/GPU-hour: shared/data/prices.csv gpu_rental_assumption ''H800 lease cost used by DeepSeek'' (github:deepseek-ai/open-infra-index @3122a252), inside the H100 SXM marketplace range 1.90-2.94 (gpu.blog); 700 W: shared/data/accelerators.csv H100 power_w (maximum TDP, stas00/ml-engineering @7bc7c305), used for energy per token at PUE 1 (IT power only)"}], "workload": {"inputTokensPerRequest": 8000, "outputTokensPerRequest": 1000}, "note": "Platform defaults. The 8k-in/1k-out workload mix is user story 1''s example workload, not a measured mix. Accelerators not listed are priced at GET /api/pricing/rates, power included."}', 'migration V3');
insert into default_price_book (scope, price_book_id) values ('*', '00000000-0000-0000-0000-000000000001');
