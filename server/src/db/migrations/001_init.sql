create table facilitators (
  id uuid primary key,
  email text not null unique,
  name text not null,
  password_hash text not null,
  created_at timestamptz not null default now()
);

create table facilitator_sessions (
  token_hash text primary key,
  facilitator_id uuid not null references facilitators(id) on delete cascade,
  expires_at timestamptz not null
);

create table app_settings (
  key text primary key,
  value text not null
);

create table series (
  id uuid primary key,
  title text not null,
  created_at timestamptz not null default now()
);

create table series_facilitators (
  series_id uuid not null references series(id) on delete cascade,
  facilitator_id uuid not null references facilitators(id) on delete cascade,
  primary key (series_id, facilitator_id)
);

create table webinars (
  id uuid primary key,
  series_id uuid not null references series(id) on delete cascade,
  title text not null,
  status text not null default 'planned' check (status in ('planned', 'live', 'ended')),
  created_at timestamptz not null default now()
);
create index webinars_series on webinars(series_id);

create table participants (
  id uuid primary key,
  series_id uuid not null references series(id) on delete cascade,
  name text not null,
  municipality text,
  workplace text,
  invite_token text not null unique,
  created_at timestamptz not null default now()
);
create index participants_series on participants(series_id);

-- Append-only event log of a live webinar; the unique (webinar_id, seq) means two writers
-- cannot both append the same sequence number.
create table webinar_events (
  webinar_id uuid not null references webinars(id) on delete cascade,
  seq integer not null,
  type text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  primary key (webinar_id, seq)
)
