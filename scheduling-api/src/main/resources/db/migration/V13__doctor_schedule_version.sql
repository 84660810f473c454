-- A booking checks the slot in process, against the doctor's schedule it keeps in memory, and
-- writes in one statement that also checks that this schedule is still current. schedule_version
-- moves with every change that can change what is bookable: the doctor's row (active, notice,
-- horizon, buffer, names in the event), weekly rules, date overrides, time off, and the locations
-- the rules use. Triggers bump it, so no writer (a service, a script, a migration) can forget.
alter table doctor add column schedule_version bigint not null default 0;

create function doctor_schedule_changed() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'doctor' then
        -- Any other change of the row counts; a bump from the triggers below is left as it is.
        if new.schedule_version = old.schedule_version and new is distinct from old then
            new.schedule_version := old.schedule_version + 1;
        end if;
        return new;
    elsif tg_table_name = 'location' then
        update doctor set schedule_version = schedule_version + 1
        where id in (select doctor_id from availability_rule where location_id = new.id);
        return null;
    end if;
    if tg_op <> 'INSERT' then
        update doctor set schedule_version = schedule_version + 1 where id = old.doctor_id;
    end if;
    if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.doctor_id is distinct from old.doctor_id) then
        update doctor set schedule_version = schedule_version + 1 where id = new.doctor_id;
    end if;
    return null;
end $$;

create trigger doctor_schedule_version before update on doctor
    for each row execute function doctor_schedule_changed();
create trigger availability_rule_schedule_version after insert or update or delete on availability_rule
    for each row execute function doctor_schedule_changed();
create trigger availability_override_schedule_version after insert or update or delete on availability_override
    for each row execute function doctor_schedule_changed();
create trigger time_off_schedule_version after insert or update or delete on time_off
    for each row execute function doctor_schedule_changed();
create trigger location_schedule_version after update on location
    for each row execute function doctor_schedule_changed();
