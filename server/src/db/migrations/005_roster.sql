-- The roster at scale: a participant's optional email (for sending the invite) and profession
-- (for "mix professions" grouping). An address belongs to one person per series.
alter table participants add column email text;
alter table participants add column profession text
  check (profession in ('helsefagarbeider', 'sykepleier', 'vernepleier', 'annet'));
create unique index participants_series_email on participants(series_id, lower(email)) where email is not null
;
-- Co-facilitators: who owns a series (its creator; existing rows are creators) and the
-- single-use links an owner hands a colleague. Only the token's hash is stored.
alter table series_facilitators add column role text not null default 'owner' check (role in ('owner', 'co'));
create table co_facilitator_invites (
  token_hash text primary key,
  series_id uuid not null references series(id) on delete cascade,
  created_by uuid not null references facilitators(id) on delete cascade,
  expires_at timestamptz not null,
  used_by uuid references facilitators(id) on delete set null,
  used_at timestamptz
);
create index co_facilitator_invites_series on co_facilitator_invites(series_id)
