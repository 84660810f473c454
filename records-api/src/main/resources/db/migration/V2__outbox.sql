-- Transactional outbox: an event row is written in the same transaction as the change it reports;
-- OutboxRelay publishes it to RabbitMQ and marks it sent once the broker confirms.
create table outbox_event (
    id          uuid primary key,              -- the CloudEvent id, also the AMQP message id
    event_type  text        not null,
    routing_key text        not null,
    subject     text,
    payload     jsonb       not null,          -- the whole CloudEvent, structured mode
    created_at  timestamptz not null default now(),
    lease_until timestamptz,                   -- a relay instance owns the row until then
    attempts    integer     not null default 0,
    sent_at     timestamptz
);

create index outbox_event_unsent_idx on outbox_event (created_at) where sent_at is null;
