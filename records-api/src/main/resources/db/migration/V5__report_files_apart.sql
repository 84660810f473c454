-- Lists and details of reports never need the file: keep the (encrypted) bytes in their own table,
-- read only by a download.
create table report_file (
    report_id  uuid primary key references report (id),
    patient_id uuid  not null,
    file_key   text  not null,
    file_data  bytea not null
);
insert into report_file (report_id, patient_id, file_key, file_data)
    select id, patient_id, file_key, file_data from report;
alter table report drop column file_key, drop column file_data;

alter table report_file enable row level security;
alter table report_file force row level security;
create policy report_file_patient_scope on report_file
    using (patient_id = nullif(current_setting('clinic.patient_id', true), '')::uuid)
    with check (patient_id = nullif(current_setting('clinic.patient_id', true), '')::uuid);
