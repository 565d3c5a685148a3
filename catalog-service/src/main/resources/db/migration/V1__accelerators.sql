-- Accelerators: public rows (tenant is null) are sourced facts; a tenant may add private ones.
create table accelerator (
    id                      varchar(64)  not null,
    tenant                  varchar(63),
    vendor                  varchar(64)  not null,
    name                    varchar(200) not null,
    status                  varchar(16)  not null check (status in ('GA', 'ANNOUNCED')),
    memory_gb               numeric(8, 1) not null check (memory_gb > 0),
    memory_type             varchar(32),
    memory_bandwidth_tbps   numeric(8, 3) not null check (memory_bandwidth_tbps > 0),
    bf16_dense_tflops       numeric(10, 1),
    fp8_dense_tflops        numeric(10, 1),
    fp4_dense_tflops        numeric(10, 1),
    tdp_watts               integer check (tdp_watts > 0),
    source                  text         not null,
    revision                integer      not null default 1,
    created_at              timestamptz  not null default now(),
    constraint accelerator_pk primary key (id)
);
create index accelerator_tenant_idx on accelerator (tenant);

-- Seed: from shared/data/accelerators.csv (dense peaks, memory, power; each row keeps its source).
insert into accelerator (id, tenant, vendor, name, status, memory_gb, memory_type, memory_bandwidth_tbps,
                         bf16_dense_tflops, fp8_dense_tflops, fp4_dense_tflops, tdp_watts, source)
values
  ('H100', null, 'NVIDIA', 'NVIDIA H100 SXM 80GB', 'GA', 80, 'HBM3', 3.35, 989, 1979, null, 700,
   'github:stas00/ml-engineering compute/accelerator/README.md @7bc7c305 (TFLOPS, memory and power tables)'),
  ('H200', null, 'NVIDIA', 'NVIDIA H200 SXM 141GB', 'GA', 141, 'HBM3e', 4.8, 989, 1979, null, 700,
   'github:stas00/ml-engineering compute/accelerator/README.md @7bc7c305 (TFLOPS, memory and power tables)'),
  ('B200', null, 'NVIDIA', 'NVIDIA B200 SXM 180GB', 'GA', 180, 'HBM3e', 8.0, 2250, 4500, 9000, 1000,
   'github:stas00/ml-engineering compute/accelerator/README.md @7bc7c305 (TFLOPS, memory and power tables)');
