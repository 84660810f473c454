-- What records-api knows about people, learned from scheduling events (names for the access log;
-- a patient unknown here is answered 404).
create table patient_directory (
    patient_id uuid primary key,
    first_name text        not null default '',
    last_name  text        not null default '',
    active     boolean     not null default true,
    as_of      timestamptz not null
);

create table doctor_directory (
    doctor_id uuid primary key,
    name      text        not null default '',
    active    boolean     not null default true,
    as_of     timestamptz not null
);

-- Care-team projection: one row per appointment, its latest state. A doctor and a patient are
-- related while an appointment between them (not cancelled, declined or in error) ended less than
-- clinic.records.care-window ago, or has not ended yet.
create table care_appointment (
    appointment_id  uuid primary key,
    doctor_id       uuid        not null,
    patient_id      uuid        not null,
    status          text        not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    last_event_time timestamptz not null
);
create index care_appointment_pair_idx on care_appointment (doctor_id, patient_id, ends_at desc);

-- Emergency ("break the glass") access of a doctor outside the care team; reason encrypted.
create table emergency_access (
    id         uuid primary key,
    doctor_id  uuid        not null,
    patient_id uuid        not null,
    reason     text        not null,
    started_at timestamptz not null,
    expires_at timestamptz not null
);
create index emergency_access_pair_idx on emergency_access (doctor_id, patient_id, expires_at desc);

-- Clinical entries: the current version of each entry, and every version ever written. Content
-- (all clinical text) is AES-GCM ciphertext naming its key; only what lists filter and sort on is
-- plain: kind, status, dates, ids.
create table clinical_entry (
    id             uuid primary key,
    patient_id     uuid        not null,
    kind           text        not null
        check (kind in ('ENCOUNTER', 'DIAGNOSIS', 'PRESCRIPTION', 'ALLERGY', 'HISTORY')),
    appointment_id uuid,
    author_id      uuid        not null,
    status         text        not null,
    version        integer     not null,
    content        text        not null,
    recorded_at    timestamptz not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index clinical_entry_patient_kind_idx on clinical_entry (patient_id, kind, recorded_at desc);

create table clinical_entry_version (
    entry_id        uuid        not null references clinical_entry (id),
    version         integer     not null,
    patient_id      uuid        not null,
    status          text        not null,
    content         text        not null,
    changed_by      uuid        not null,
    changed_by_role text        not null,
    changed_at      timestamptz not null,
    reason          text, -- ciphertext: why it was amended or entered in error
    primary key (entry_id, version)
);

-- Defence in depth: a session sees clinical rows of one patient only, the one the service put in
-- clinic.patient_id for the current transaction after checking the caller may see them. A query
-- that forgets its patient filter still cannot reach another patient. FORCE: the service's role
-- owns these tables and would otherwise bypass the policies.
alter table clinical_entry enable row level security;
alter table clinical_entry force row level security;
create policy clinical_entry_patient_scope on clinical_entry
    using (patient_id = nullif(current_setting('clinic.patient_id', true), '')::uuid)
    with check (patient_id = nullif(current_setting('clinic.patient_id', true), '')::uuid);
alter table clinical_entry_version enable row level security;
alter table clinical_entry_version force row level security;
create policy clinical_entry_version_patient_scope on clinical_entry_version
    using (patient_id = nullif(current_setting('clinic.patient_id', true), '')::uuid)
    with check (patient_id = nullif(current_setting('clinic.patient_id', true), '')::uuid);

-- Who touched which record, when and why. Append-only: no update, delete or truncate, not even by
-- the owner (the triggers refuse them).
create table access_audit (
    id                 uuid primary key,
    at                 timestamptz not null,
    actor_id           uuid,
    actor_role         text        not null,
    patient_id         uuid        not null,
    entry_kind         text,
    entry_id           uuid,
    action             text        not null,
    request_id         text,
    break_glass_reason text -- ciphertext
);
create index access_audit_patient_idx on access_audit (patient_id, at desc);
create index access_audit_actor_idx on access_audit (actor_id, at desc);

create function access_audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'access_audit is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger access_audit_no_update before update or delete on access_audit
    for each row execute function access_audit_is_append_only();
create trigger access_audit_no_truncate before truncate on access_audit
    for each statement execute function access_audit_is_append_only();
revoke update, delete, truncate on access_audit from public;
