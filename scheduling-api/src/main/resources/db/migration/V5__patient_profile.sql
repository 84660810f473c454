-- The full patient profile. Structured parts that are always read and written whole are JSON
-- documents in text columns (the reactive driver binds text, not jsonb, from a converter).
create sequence patient_mrn_seq;

alter table patient
    add column medical_record_number text,
    add column gender             text check (gender in ('male', 'female', 'other', 'unknown')),
    add column address            text,
    add column emergency_contact  text,
    add column identifiers        text    not null default '[]',
    add column coverages          text    not null default '[]',
    add column consent_email      boolean not null default false,
    add column consent_sms        boolean not null default false,
    add column preferred_language text;

update patient set medical_record_number = 'MRN' || lpad(nextval('patient_mrn_seq')::text, 8, '0');
alter table patient alter column medical_record_number set not null;
alter table patient alter column medical_record_number set default 'MRN' || lpad(nextval('patient_mrn_seq')::text, 8, '0');
alter table patient add constraint patient_mrn_uk unique (medical_record_number);

create index patient_last_name_idx on patient (lower(last_name));
create index patient_birth_idx on patient (date_of_birth);
create index patient_email_idx on patient (lower(email));
