-- The reference limit for a booking (issue 16): what PostgreSQL alone sustains on this machine for
-- the smallest correct booking, independent of our schema. A table of appointments with an
-- exclusion constraint on (doctor, time range), 200,000 rows over 500 doctors. Loaded by run.sh
-- into its own database (bench_reference); reference.pgbench books into it.
create extension if not exists btree_gist;
drop table if exists reference_appointment;
create table reference_appointment (
    id         bigserial primary key,
    doctor_id  int       not null,
    patient_id int       not null,
    during     tstzrange not null,
    constraint reference_no_overlap exclude using gist (doctor_id with =, during with &&)
);
-- 400 back-to-back 30-minute visits per doctor, from 2100-01-01.
insert into reference_appointment (doctor_id, patient_id, during)
select 1 + g % 500, 1 + g % 20000,
       tstzrange(timestamptz '2100-01-01' + (g / 500) * interval '30 minutes',
                 timestamptz '2100-01-01' + (g / 500 + 1) * interval '30 minutes')
from generate_series(0, 199999) g;
vacuum analyze reference_appointment;
