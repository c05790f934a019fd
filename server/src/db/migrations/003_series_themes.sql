-- A series' own versions of feedback themes (a facilitator's edits). A row with the id of a
-- default theme replaces that theme for the series; other ids add new themes.
create table series_themes (
  series_id uuid not null references series(id) on delete cascade,
  theme_id text not null,
  template jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (series_id, theme_id)
)
