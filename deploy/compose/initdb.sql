-- One role and one database per service (each service owns its data; none reads another's).
-- Local passwords only: production credentials come from Secrets.
create role scheduling login password 'scheduling';
create role records login password 'records';
create role notifier login password 'notifier';
create database scheduling owner scheduling;
create database records owner records;
create database notifier owner notifier;
