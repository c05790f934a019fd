-- Series as the unit: each webinar gets its place in the series, a start and a length, and the
-- times it was opened and ended. Presence intervals record who attended and for how long.
-- Existing webinars keep everything: each already belongs to a series (of one), gets the place
-- of its creation order, no date (shown as "no date"), and the default three hours.
alter table webinars add column position integer not null default 1;
alter table webinars add column scheduled_at timestamptz;
alter table webinars add column duration_minutes integer not null default 180
  check (duration_minutes between 30 and 600);
alter table webinars add column opened_at timestamptz;
alter table webinars add column ended_at timestamptz;
update webinars set position = ranked.n
  from (select id, row_number() over (partition by series_id order by created_at, id) as n from webinars) ranked
  where ranked.id = webinars.id;
update webinars set ended_at = created_at where status = 'ended' and ended_at is null;

-- One row per stretch a participant was connected to a live webinar; left_at null while connected.
create table attendance_intervals (
  webinar_id uuid not null references webinars(id) on delete cascade,
  participant_id uuid not null references participants(id) on delete cascade,
  joined_at timestamptz not null,
  left_at timestamptz,
  primary key (webinar_id, participant_id, joined_at)
);
create index attendance_intervals_participant on attendance_intervals(participant_id)
