-- schedule_version becomes a random token rather than a counter: after a restore, a point-in-time
-- recovery or a failover that lost transactions, a counter starts again from a lower value and a
-- later, different schedule could carry the number a running replica still keeps in memory. A new
-- random value for every change cannot meet an old one.
--
-- Every bump goes through the doctor row's own trigger: the other triggers only touch the row.
-- TRUNCATE fires no row triggers, so it has statement triggers of its own. Writes made with
-- triggers disabled (session_replication_role = replica, pg_restore --disable-triggers) are not
-- seen: restart scheduling-api after them (README, "Booking").
create or replace function doctor_schedule_changed() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'doctor' then
        -- An update that set a new value itself (a restore) keeps it; any other update draws one.
        if new.schedule_version = old.schedule_version then
            new.schedule_version := (random() * 9.2e18)::bigint;
        end if;
        return new;
    elsif tg_table_name = 'location' then
        -- In id order, so two location edits that share doctors cannot deadlock.
        perform 1 from doctor where id in (select doctor_id from availability_rule where location_id = new.id)
            order by id for no key update;
        update doctor set schedule_version = schedule_version
        where id in (select doctor_id from availability_rule where location_id = new.id);
        return null;
    end if;
    if tg_op <> 'INSERT' then
        update doctor set schedule_version = schedule_version where id = old.doctor_id;
    end if;
    if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.doctor_id is distinct from old.doctor_id) then
        update doctor set schedule_version = schedule_version where id = new.doctor_id;
    end if;
    return null;
end $$;

create function doctor_schedules_truncated() returns trigger language plpgsql as $$
begin
    update doctor set schedule_version = schedule_version;
    return null;
end $$;

create trigger availability_rule_truncated after truncate on availability_rule
    for each statement execute function doctor_schedules_truncated();
create trigger availability_override_truncated after truncate on availability_override
    for each statement execute function doctor_schedules_truncated();
create trigger time_off_truncated after truncate on time_off
    for each statement execute function doctor_schedules_truncated();
