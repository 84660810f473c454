-- Who can be told something, how to reach them and what they allow. Contacts come from
-- scheduling events (only channels the patient consented to); preferences from the user.
-- Patient and doctor ids are UUIDs from scheduling-api, so one key serves both kinds.
create table recipient (
    id             uuid primary key,
    kind           text        not null check (kind in ('PATIENT', 'DOCTOR')),
    display_name   text        not null default '',
    language       text        not null default 'en',
    email          text,
    phone          text,
    -- time of the event the contact came from: an older event never overwrites a newer contact
    contact_as_of  timestamptz,
    email_enabled  boolean     not null default true,
    sms_enabled    boolean     not null default true,
    in_app_enabled boolean     not null default true,
    updated_at     timestamptz not null
);

-- The latest known state of each appointment, enough to write a reminder without calling back.
create table appointment_view (
    appointment_id  uuid primary key,
    patient_id      uuid        not null,
    doctor_id       uuid        not null,
    status          text        not null,
    starts_at       timestamptz not null,
    data            text        not null, -- the data of the latest event, JSON
    last_event_time timestamptz not null,
    updated_at      timestamptz not null
);

-- One row per appointment and offset; a reschedule moves it (new generation), a cancellation
-- cancels it. SENT rows stay as the record that the reminder went out.
create table reminder (
    id             uuid primary key,
    appointment_id uuid        not null references appointment_view (appointment_id),
    offset_minutes integer     not null check (offset_minutes > 0),
    due_at         timestamptz not null,
    generation     integer     not null default 1,
    status         text        not null check (status in ('PENDING', 'SENT', 'CANCELLED', 'SKIPPED')),
    sent_at        timestamptz,
    created_at     timestamptz not null,
    unique (appointment_id, offset_minutes)
);
create index reminder_due_idx on reminder (due_at) where status = 'PENDING';

-- Outgoing e-mail and SMS. The dedupe key (event or reminder, recipient, channel) makes a
-- redelivered event or a second ticking replica a no-op; failed rows are kept for re-drive.
create table delivery (
    id              uuid primary key,
    dedupe_key      text        not null unique,
    event_type      text        not null,
    message         text        not null, -- template name, e.g. appointment-confirmed
    recipient_id    uuid        not null,
    recipient_kind  text        not null,
    channel         text        not null check (channel in ('EMAIL', 'SMS')),
    address         text        not null,
    subject         text        not null,
    body            text        not null,
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index delivery_due_idx on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_status_idx on delivery (status, created_at desc);

-- In-app notifications, read by their recipient through the API and the live stream.
create table notification (
    id             uuid primary key,
    dedupe_key     text        not null unique,
    recipient_id   uuid        not null,
    message        text        not null,
    title          text        not null,
    body           text        not null,
    appointment_id uuid,
    created_at     timestamptz not null,
    read_at        timestamptz
);
create index notification_recipient_idx on notification (recipient_id, created_at desc);
create index notification_unread_idx on notification (recipient_id) where read_at is null;
