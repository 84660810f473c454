-- Who changed which login, and how (issue 15): creations, role and profile-link changes,
-- enabling, disabling and password resets. Never holds a password or a token.
create table account_audit (
    id          uuid primary key,
    at          timestamptz not null,
    actor_id    uuid,                 -- the admin's account; null for the bootstrap and this migration
    account_id  uuid        not null references user_account (id),
    action      text        not null,
    detail      text        not null  -- ids and role names only
);
create index account_audit_account_idx on account_audit (account_id, at);

-- Existing logins that break the rules of AccountRules lose the reach they should not have had;
-- each change is recorded above.

-- 1. DOCTOR or PATIENT held beside ADMIN or STAFF is dropped; the admin or staff role stays.
insert into account_audit (id, at, actor_id, account_id, action, detail)
select gen_random_uuid(), now(), null, id, 'ROLES_CHANGED_BY_MIGRATION',
       'roles ' || roles || ' -> ' || array_to_string(array(
           select r from unnest(string_to_array(roles, ',')) r where r not in ('DOCTOR', 'PATIENT')), ',')
from user_account
where roles ~ '(^|,)(ADMIN|STAFF)(,|$)' and roles ~ '(^|,)(DOCTOR|PATIENT)(,|$)';
update user_account
set roles = array_to_string(array(
        select r from unnest(string_to_array(roles, ',')) r where r not in ('DOCTOR', 'PATIENT')), ','),
    updated_at = now()
where roles ~ '(^|,)(ADMIN|STAFF)(,|$)' and roles ~ '(^|,)(DOCTOR|PATIENT)(,|$)';

-- 2. A doctor profile stays only on a DOCTOR login, and only if the doctor exists.
insert into account_audit (id, at, actor_id, account_id, action, detail)
select gen_random_uuid(), now(), null, u.id, 'UNLINKED_BY_MIGRATION',
       'doctor profile ' || u.doctor_id || ' unlinked'
from user_account u
where u.doctor_id is not null
  and (u.roles <> 'DOCTOR' or not exists (select 1 from doctor d where d.id = u.doctor_id));
update user_account u set doctor_id = null, updated_at = now()
where u.doctor_id is not null
  and (u.roles <> 'DOCTOR' or not exists (select 1 from doctor d where d.id = u.doctor_id));

-- 3. A patient profile stays only on a PATIENT login.
insert into account_audit (id, at, actor_id, account_id, action, detail)
select gen_random_uuid(), now(), null, id, 'UNLINKED_BY_MIGRATION', 'patient profile ' || patient_id || ' unlinked'
from user_account where patient_id is not null and roles <> 'PATIENT';
update user_account set patient_id = null, updated_at = now() where patient_id is not null and roles <> 'PATIENT';

-- 4. One login per doctor profile: the oldest keeps it.
insert into account_audit (id, at, actor_id, account_id, action, detail)
select gen_random_uuid(), now(), null, u.id, 'UNLINKED_BY_MIGRATION',
       'doctor profile ' || u.doctor_id || ' unlinked: an older login holds it'
from user_account u
where u.doctor_id is not null and exists (
    select 1 from user_account older
    where older.doctor_id = u.doctor_id and (older.created_at, older.id) < (u.created_at, u.id));
update user_account u set doctor_id = null, updated_at = now()
where u.doctor_id is not null and exists (
    select 1 from user_account older
    where older.doctor_id = u.doctor_id and (older.created_at, older.id) < (u.created_at, u.id));

-- The same rules, kept by the database from now on.
alter table user_account
    add constraint user_account_doctor_fk foreign key (doctor_id) references doctor (id),
    add constraint user_account_doctor_role_ck check (doctor_id is null or roles = 'DOCTOR'),
    add constraint user_account_patient_role_ck check (patient_id is null or roles = 'PATIENT'),
    add constraint user_account_admin_not_clinical_ck
        check (not (roles ~ '(^|,)ADMIN(,|$)' and roles ~ '(^|,)(DOCTOR|PATIENT)(,|$)')),
    add constraint user_account_staff_not_doctor_ck
        check (not (roles ~ '(^|,)STAFF(,|$)' and roles ~ '(^|,)DOCTOR(,|$)'));
create unique index user_account_doctor_uk on user_account (doctor_id) where doctor_id is not null;
create unique index user_account_patient_uk on user_account (patient_id) where patient_id is not null;

-- A doctor's own public profile: the photo shown in search (bio and languages exist already).
alter table doctor add column photo_url text;
