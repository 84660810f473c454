-- Trusted extension (PostgreSQL 13+): the database owner may create it.
create extension if not exists btree_gist;

create table location (
    id          uuid primary key,
    name        text        not null,
    address     text,
    time_zone   text        not null,            -- IANA id, checked by the service
    created_at  timestamptz not null
);

create table doctor (
    id                         uuid primary key,
    first_name                 text        not null,
    last_name                  text        not null,
    license_number             text        not null,
    phone                      text,
    email                      text,
    languages                  text        not null default '',   -- comma-separated ISO 639-1 codes
    bio                        text,
    default_visit_minutes      integer     not null check (default_visit_minutes between 5 and 480),
    requires_acceptance        boolean     not null default false,
    buffer_minutes             integer     not null default 0 check (buffer_minutes between 0 and 240),
    min_notice_minutes         integer     not null default 0 check (min_notice_minutes >= 0),
    horizon_days               integer     not null default 90 check (horizon_days between 1 and 730),
    cancellation_window_hours  integer     not null default 24 check (cancellation_window_hours >= 0),
    active                     boolean     not null default true,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null,
    version                    integer     not null default 0,
    constraint doctor_license_uk unique (license_number)
);

create table doctor_specialization (
    doctor_id         uuid not null references doctor (id),
    specialization_id uuid not null references specialization (id),
    primary key (doctor_id, specialization_id)
);
create index doctor_specialization_spec_idx on doctor_specialization (specialization_id);

-- Weekly rules: wall-clock hours in time_zone (the location's, or the doctor's for telehealth).
create table availability_rule (
    id           uuid primary key,
    doctor_id    uuid        not null references doctor (id),
    day_of_week  smallint    not null check (day_of_week between 1 and 7),   -- ISO: 1 = Monday
    start_time   time        not null,
    end_time     time        not null,
    slot_minutes integer     not null check (slot_minutes between 5 and 480),
    location_id  uuid references location (id),
    telehealth   boolean     not null default false,
    time_zone    text        not null,
    valid_from   date        not null,
    valid_until  date,
    created_at   timestamptz not null,
    version      integer     not null default 0,
    check (end_time > start_time),
    check (valid_until is null or valid_until >= valid_from),
    check (telehealth or location_id is not null)
);
create index availability_rule_doctor_idx on availability_rule (doctor_id);

-- Appointments. blocked_until = ends_at + the doctor's buffer at booking time. The exclusion
-- constraints are the double-booking rule: no two time-holding appointments of one doctor (with
-- buffers) or of one patient overlap, whatever the code does.
create table appointment (
    id                 uuid primary key,
    doctor_id          uuid        not null references doctor (id),
    patient_id         uuid        not null references patient (id),
    location_id        uuid references location (id),
    telehealth         boolean     not null,
    time_zone          text        not null,
    starts_at          timestamptz not null,
    ends_at            timestamptz not null,
    blocked_until      timestamptz not null,
    type               text,
    reason             text,
    status             text        not null,
    late_cancellation  boolean     not null default false,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    version            integer     not null default 0,
    check (ends_at > starts_at and blocked_until >= ends_at),
    check (status in ('REQUESTED', 'CONFIRMED', 'DECLINED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW',
                      'ENTERED_IN_ERROR')),
    constraint appointment_doctor_overlap_ex exclude using gist (
        doctor_id with =, tstzrange(starts_at, blocked_until) with &&)
        where (status in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED')),
    constraint appointment_patient_overlap_ex exclude using gist (
        patient_id with =, tstzrange(starts_at, ends_at) with &&)
        where (status in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED'))
);
create index appointment_patient_idx on appointment (patient_id, starts_at);
create index appointment_doctor_idx on appointment (doctor_id, starts_at);

create table appointment_history (
    id             uuid primary key,
    appointment_id uuid        not null references appointment (id),
    changed_at     timestamptz not null,
    changed_by     uuid,                      -- account id (sub) of who made the change
    from_status    text,
    to_status      text        not null,
    reason         text
);
create index appointment_history_appointment_idx on appointment_history (appointment_id, changed_at);
