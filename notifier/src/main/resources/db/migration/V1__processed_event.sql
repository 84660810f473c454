-- Inbox of consumed events: one row per CloudEvent id makes redelivered events harmless.
create table processed_event (
    event_id    text primary key,
    type        text        not null,
    source      text        not null,
    received_at timestamptz not null
);
