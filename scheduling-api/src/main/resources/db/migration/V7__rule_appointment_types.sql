-- Appointment types a weekly rule offers (comma-separated, e.g. "consultation,follow-up");
-- empty means any type.
alter table availability_rule add column appointment_types text not null default '';
