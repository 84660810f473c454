-- Specializations and locations can be edited (If-Match on a version, like doctors) and retired:
-- a retired entry is left out of new doctors, rules and the catalog lists, and kept for history.
alter table specialization add column version    integer not null default 0,
                           add column retired_at timestamptz;
alter table location       add column version    integer not null default 0,
                           add column retired_at timestamptz;
