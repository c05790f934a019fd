-- The roster at scale: a participant's optional email (for sending the invite) and profession
-- (for "mix professions" grouping). An address belongs to one person per series.
alter table participants add column email text;
alter table participants add column profession text
  check (profession in ('helsefagarbeider', 'sykepleier', 'vernepleier', 'annet'));
create unique index participants_series_email on participants(series_id, lower(email)) where email is not null
