-- Printed on prescriptions: the prescriber's license number, from scheduling's doctor events.
alter table doctor_directory add column license_number text not null default '';

-- Lab and imaging reports. The file and the free text are AES-GCM ciphertext; the SHA-256 of the
-- original file is kept to prove what was uploaded. Same patient scope as the other clinical tables.
create table report (
    id             uuid primary key,
    patient_id     uuid        not null,
    appointment_id uuid,
    category       text        not null,
    lab_name       text,         -- ciphertext
    remarks        text,         -- ciphertext
    file_name      text        not null, -- ciphertext
    content_type   text        not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes     bigint      not null,
    sha256         text        not null,
    file_key       text        not null, -- id of the key that sealed file_data
    file_data      bytea       not null, -- nonce and ciphertext
    status         text        not null check (status in ('AVAILABLE', 'ENTERED_IN_ERROR')),
    status_reason  text,         -- ciphertext
    uploaded_by    uuid        not null,
    uploaded_at    timestamptz not null
);
create index report_patient_idx on report (patient_id, uploaded_at desc);

alter table report enable row level security;
alter table report force row level security;
create policy report_patient_scope on report
    using (patient_id = nullif(current_setting('clinic.patient_id', true), '')::uuid)
    with check (patient_id = nullif(current_setting('clinic.patient_id', true), '')::uuid);
