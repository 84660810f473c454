-- Catalog of medical specializations (admin-managed).
create table specialization (
    id         uuid primary key,
    code       text        not null,
    name       text        not null,
    created_at timestamptz not null default now(),
    constraint specialization_code_uk unique (code)
);
