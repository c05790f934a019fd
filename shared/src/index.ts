/** The shared heart of Rundgang: contract, schemas and pure domain rules. */

export * from './api.ts';
export * from './protocol.ts';
export * from './realtime.ts';
export * from './domain/exercise-config.ts';
export * from './domain/groups.ts';
export * from './domain/plan.ts';
