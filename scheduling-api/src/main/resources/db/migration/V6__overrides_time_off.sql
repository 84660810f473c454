-- A date with other hours, or closed (start_time and end_time null); replaces the weekly rules of
-- that date (a date of the rules' own zone).
create table availability_override (
    id          uuid primary key,
    doctor_id   uuid        not null references doctor (id),
    date        date        not null,
    start_time  time,
    end_time    time,
    reason      text,
    created_at  timestamptz not null,
    constraint availability_override_uk unique (doctor_id, date),
    check ((start_time is null and end_time is null) or (start_time is not null and end_time > start_time))
);

-- Time off: instants, whatever the zone (holidays, conferences, sick leave).
create table time_off (
    id          uuid primary key,
    doctor_id   uuid        not null references doctor (id),
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    reason      text,
    created_at  timestamptz not null,
    check (ends_at > starts_at)
);
create index time_off_doctor_idx on time_off (doctor_id, starts_at);
