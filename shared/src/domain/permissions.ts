/**
 * Who may do what, as one table both apps read: the server to refuse a request, the client to
 * hide a button it would refuse anyway.
 * Why: the rules are few but privacy-relevant (only facilitators read all feedback cards), so
 * they live in one place instead of as `if (isFacilitator)` scattered over handlers and views.
 */
import { z } from 'zod';

/** Who is acting: a facilitator (any of the series' co-facilitators) or a participant. */
export const APP_ROLES = ['facilitator', 'participant'] as const;
/** One of {@link APP_ROLES}. */
export const AppRole = z.enum(APP_ROLES);
/** One of {@link APP_ROLES}. */
export type AppRole = z.infer<typeof AppRole>;

/** Everything a socket request or view can need permission for, named `entity:verb`. */
export const CAPABILITIES = [
  'console:view',
  'agenda:control',
  'breakouts:open',
  'breakouts:close',
  'timer:control',
  'broadcast:send',
  'group:move_member',
  'roles:swap',
  'room:visit',
  'help:request',
  'help:resolve',
  'feedback:submit',
  'feedback:read_all',
  'hand:raise',
  'floor:moderate',
] as const;
/** One of {@link CAPABILITIES}. */
export const Capability = z.enum(CAPABILITIES);
/** One of {@link CAPABILITIES}. */
export type Capability = z.infer<typeof Capability>;

// Facilitators run the session but do not fill feedback cards or ask themselves for help;
// participants practise, ask for help and write their own feedback cards.
const GRANTS = {
  facilitator: [
    'console:view',
    'agenda:control',
    'breakouts:open',
    'breakouts:close',
    'timer:control',
    'broadcast:send',
    'group:move_member',
    'roles:swap',
    'room:visit',
    'help:resolve',
    'feedback:read_all',
    'floor:moderate',
  ],
  participant: ['help:request', 'feedback:submit', 'hand:raise'],
} as const satisfies Record<AppRole, readonly Capability[]>;

/** Whether `role` may use `capability`. */
export function can(role: AppRole, capability: Capability): boolean {
  return (GRANTS[role] as readonly Capability[]).includes(capability);
}

/** All capabilities of `role`, e.g. to send to the client once at connect. */
export function capabilitiesOf(role: AppRole): Capability[] {
  return [...GRANTS[role]];
}
