-- Patient profile: the part identity needs at registration; the scheduling issue extends it.
create table patient (
    id            uuid primary key,
    first_name    text        not null,
    last_name     text        not null,
    date_of_birth date        not null,
    phone         text,
    email         text,
    active        boolean     not null default true,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       integer     not null default 0
);

-- Accounts. roles: comma-separated subset of PATIENT, DOCTOR, STAFF, ADMIN.
create table user_account (
    id                  uuid primary key,
    email               text        not null,   -- stored lower-case
    password_hash       text        not null,   -- bcrypt
    roles               text        not null
        constraint user_account_roles_ck
            check (roles ~ '^(PATIENT|DOCTOR|STAFF|ADMIN)(,(PATIENT|DOCTOR|STAFF|ADMIN))*$'),
    first_name          text        not null,
    last_name           text        not null,
    patient_id          uuid references patient (id),
    doctor_id           uuid,
    enabled             boolean     not null default true,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    password_changed_at timestamptz not null,
    version             integer     not null default 0,
    constraint user_account_email_uk unique (email)
);

-- Refresh tokens: only a SHA-256 of the token is kept. A token is used once; its successor
-- shares its family, and presenting a used token revokes the whole family.
create table refresh_token (
    id          uuid primary key,
    family_id   uuid        not null,
    user_id     uuid        not null references user_account (id),
    token_hash  text        not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz,
    constraint refresh_token_hash_uk unique (token_hash)
);
create index refresh_token_family_idx on refresh_token (family_id);
create index refresh_token_user_idx on refresh_token (user_id);
