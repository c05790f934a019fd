-- Observer feedback cards: personal data, read only by their author, the guide they are about and
-- the series' facilitators. The client makes the id, so a retried submission is the same row.
create table feedback_cards (
  id uuid primary key,
  webinar_id uuid not null references webinars(id) on delete cascade,
  breakouts_id text not null,
  group_id text not null,
  round integer not null,
  theme_id text not null,
  observer_id uuid not null references participants(id) on delete cascade,
  guide_id uuid not null references participants(id) on delete cascade,
  content jsonb not null,
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (breakouts_id, group_id, round, observer_id)
);
create index feedback_cards_webinar on feedback_cards(webinar_id);
create index feedback_cards_guide on feedback_cards(guide_id)
