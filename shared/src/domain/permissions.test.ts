import { describe, expect, it } from 'vitest';
import { APP_ROLES, CAPABILITIES, can, capabilitiesOf } from './permissions.ts';

describe('can', () => {
  it.each([
    { role: 'facilitator', capability: 'breakouts:open', allowed: true },
    { role: 'facilitator', capability: 'breakouts:close', allowed: true },
    { role: 'facilitator', capability: 'timer:control', allowed: true },
    { role: 'facilitator', capability: 'broadcast:send', allowed: true },
    { role: 'facilitator', capability: 'group:move_member', allowed: true },
    { role: 'facilitator', capability: 'room:visit', allowed: true },
    { role: 'facilitator', capability: 'feedback:read_all', allowed: true },
    { role: 'facilitator', capability: 'help:request', allowed: false },
    { role: 'facilitator', capability: 'feedback:submit', allowed: false },
    { role: 'participant', capability: 'help:request', allowed: true },
    { role: 'participant', capability: 'feedback:submit', allowed: true },
    { role: 'participant', capability: 'reflection:write', allowed: true },
    { role: 'participant', capability: 'breakouts:open', allowed: false },
    { role: 'participant', capability: 'timer:control', allowed: false },
    { role: 'participant', capability: 'broadcast:send', allowed: false },
    { role: 'participant', capability: 'group:move_member', allowed: false },
    { role: 'participant', capability: 'room:visit', allowed: false },
    { role: 'participant', capability: 'feedback:read_all', allowed: false },
    { role: 'participant', capability: 'console:view', allowed: false },
  ] as const)('$role $capability → $allowed', ({ role, capability, allowed }) => {
    expect(can(role, capability)).toBe(allowed);
  });

  it('every capability belongs to someone', () => {
    const granted = new Set(APP_ROLES.flatMap((role) => capabilitiesOf(role)));
    expect([...granted].sort()).toEqual([...CAPABILITIES].sort());
  });
});
