/** The shared heart of Rundgang: contract, schemas and pure domain rules. */

export * from './api.ts';
export * from './domain/csv.ts';
export * from './domain/exercise-config.ts';
export * from './domain/feedback-card.ts';
export * from './domain/feedback-summary.ts';
export * from './domain/feedback-themes.ts';
export * from './domain/feedback-visibility.ts';
// Only the queries: the seat changes (addObserver, removeMember, swapRoles) are the reducer's steps.
export {
  cardPlaceOf,
  currentRoundOf,
  guideOf,
  observerMuted,
  seatOf,
  timerPlanOf,
} from './domain/group-membership.ts';
export * from './domain/groups.ts';
export * from './domain/permissions.ts';
export * from './domain/plan.ts';
export * from './domain/plenary-floor.ts';
export * from './domain/roster.ts';
export * from './domain/roster-csv.ts';
export * from './domain/rotation.ts';
export * from './domain/series.ts';
export * from './domain/session-commands.ts';
export * from './domain/session-events.ts';
export * from './domain/session-reducer.ts';
export * from './domain/session-state.ts';
export * from './domain/timers.ts';
export * from './http-routes.ts';
export * from './protocol.ts';
export * from './realtime.ts';
export * from './rooms.ts';
export * from './safe-text.ts';
