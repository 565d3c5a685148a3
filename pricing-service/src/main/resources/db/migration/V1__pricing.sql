-- GPU-hour rates per catalog accelerator id. rate_basis says how far to trust a rate:
--   sourced    - the figure comes from a cited row of shared/data (the row is named in source)
--   assumption - no sourced rental price exists; a platform assumption, named as such
-- Accelerators without a row are priced at pricing.default-usd-per-gpu-hour (basis 'default', not stored here).
create table gpu_hour_rate (
    accelerator_id      varchar(64)    not null,
    usd_per_gpu_hour    numeric(10, 4) not null check (usd_per_gpu_hour >= 0),
    currency            char(3)        not null default 'USD',
    rate_basis          varchar(16)    not null check (rate_basis in ('sourced', 'assumption')),
    source              text           not null,
    note                text,
    constraint gpu_hour_rate_pk primary key (accelerator_id)
);

insert into gpu_hour_rate (accelerator_id, usd_per_gpu_hour, currency, rate_basis, source, note)
values
  ('H100', 2.0000, 'USD', 'sourced',
   'shared/data/prices.csv gpu_rental_assumption ''H800 lease cost used by DeepSeek'' (2 USD per GPU-hour, high, first-party assumption): '
     || 'github:deepseek-ai/open-infra-index 202502OpenSourceWeek/day_6_one_more_thing_deepseekV3R1_inference_system_overview.md @3122a252 (2025-03-01)'
     || ' ; shared/data/prices.csv gpu_rental_price ''H100 SXM cloud on-demand (marketplace)'' (1.90-2.94 USD per GPU-hour, low-medium, aggregator, undated): '
     || 'https://gpu.blog/gpus/nvidia-h100-sxm',
   'DeepSeek''s H800 lease assumption applied to the H100 (same Hopper generation); it lies inside the cited 1.90-2.94 USD H100 SXM marketplace range'),
  ('H200', 2.5000, 'USD', 'assumption',
   'none: no sourced rental price in shared/data (prices.csv has no H200 rental row; the 32000 USD in accelerators.csv is a purchase MSRP, not a rental)',
   'no sourced rental price in shared/data; platform default assumption'),
  ('B200', 3.5000, 'USD', 'assumption',
   'none: no sourced rental price in shared/data (prices.csv has no B200 rental row)',
   'no sourced rental price in shared/data; platform default assumption');

-- One cost figure per finished simulation, written once from its simulation.completed event (first event wins;
-- redeliveries and later events for the same simulation are ignored).
create table simulation_cost (
    simulation_id                   varchar(64)      not null,
    tenant                          varchar(63)      not null,
    event_id                        varchar(64)      not null,
    accelerator_id                  varchar(64)      not null,
    accelerator_count               integer          not null check (accelerator_count > 0),
    usd_per_gpu_hour                numeric(10, 4)   not null check (usd_per_gpu_hour >= 0),
    rate_basis                      varchar(16)      not null check (rate_basis in ('sourced', 'assumption', 'default')),
    decode_step_seconds             double precision,
    output_tokens_per_second        double precision not null check (output_tokens_per_second > 0),
    usd_per_million_output_tokens   numeric(18, 6)   not null,
    currency                        char(3)          not null,
    method                          text,
    computed_at                     timestamptz      not null default now(),
    constraint simulation_cost_pk primary key (simulation_id),
    constraint simulation_cost_event_uk unique (event_id)
);
create index simulation_cost_tenant_idx on simulation_cost (tenant);
