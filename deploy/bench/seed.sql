-- Benchmark data set for scheduling-api, written straight into its database (the API would take
-- minutes to create 20,000 patients, and creating them is not what is measured).
-- 20 specializations, 10 locations in 4 time zones, 500 doctors (every 5th accepts bookings by
-- hand; every 3rd has a second specialization), Monday-Friday 09:00-17:00 in 30-minute slots for
-- the next 30 days, 20,000 patients. Ids are derived from names (md5), so every run and the
-- benchmark's CSV files agree on them. Idempotent: a second run only moves the 30 days forward.
-- Variable: -v doctors=500 -v patients=20000 (defaults below when psql passes none).
\if :{?doctors}
\else
  \set doctors 500
\endif
\if :{?patients}
\else
  \set patients 20000
\endif

begin;

insert into specialization (id, code, name, created_at)
select md5('bench-specialization-' || n)::uuid, 'bench-' || n, 'Bench specialization ' || n, now()
from generate_series(1, 20) n
on conflict do nothing;

insert into location (id, name, address, time_zone, created_at)
select md5('bench-location-' || n)::uuid, 'Bench clinic ' || n, n || ' Bench Street',
       (array ['Europe/Lisbon', 'Europe/Madrid', 'America/New_York', 'America/Sao_Paulo'])[1 + n % 4], now()
from generate_series(1, 10) n
on conflict do nothing;

insert into doctor (id, first_name, last_name, license_number, email, languages, default_visit_minutes,
                    requires_acceptance, buffer_minutes, min_notice_minutes, horizon_days,
                    cancellation_window_hours, active, created_at, updated_at)
select md5('bench-doctor-' || n)::uuid, 'Bench', 'Doctor ' || n, 'BENCH-' || lpad(n::text, 5, '0'),
       'doctor' || n || '@bench.invalid', (array ['en', 'pt', 'es'])[1 + n % 3], 30,
       n % 5 = 0, 0, 0, 90, 24, true, now(), now()
from generate_series(1, :doctors) n
on conflict do nothing;

insert into doctor_specialization (doctor_id, specialization_id)
select md5('bench-doctor-' || n)::uuid, md5('bench-specialization-' || (1 + n % 20))::uuid
from generate_series(1, :doctors) n
union all
select md5('bench-doctor-' || n)::uuid, md5('bench-specialization-' || (1 + (n + 7) % 20))::uuid
from generate_series(1, :doctors) n
where n % 3 = 0
on conflict do nothing;

-- One weekly rule per doctor and weekday, at the doctor's location, in its zone.
insert into availability_rule (id, doctor_id, day_of_week, start_time, end_time, slot_minutes, location_id,
                               telehealth, time_zone, valid_from, valid_until, created_at)
select md5('bench-rule-' || n || '-' || d)::uuid, md5('bench-doctor-' || n)::uuid, d, '09:00', '17:00', 30,
       l.id, false, l.time_zone, current_date, current_date + 30, now()
from generate_series(1, :doctors) n
cross join generate_series(1, 5) d
join location l on l.id = md5('bench-location-' || (1 + n % 10))::uuid
on conflict do nothing;
update availability_rule set valid_from = current_date, valid_until = current_date + 30, version = version + 1
where id in (select md5('bench-rule-' || n || '-' || d)::uuid
             from generate_series(1, :doctors) n cross join generate_series(1, 5) d)
  and valid_from <> current_date;

insert into patient (id, first_name, last_name, date_of_birth, email, consent_email, preferred_language,
                     active, created_at, updated_at)
select md5('bench-patient-' || n)::uuid, 'Bench', 'Patient ' || n, date '1950-01-01' + (n % 20000),
       'patient' || n || '@bench.invalid', n % 2 = 0, (array ['en', 'pt'])[1 + n % 2], true, now(), now()
from generate_series(1, :patients) n
on conflict do nothing;

commit;
analyze;
