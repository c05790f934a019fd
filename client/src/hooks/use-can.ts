import { type Capability, can } from '@rundgang/shared';
import { useCallback } from 'react';
import { useAppStore } from '../store/index.ts';

/**
 * Whether the person in this session may use a capability — the very `can` the server's
 * handler table checks, so a control is shown exactly when its request would be allowed.
 * Nobody may do anything outside a session.
 */
export function useCan(): (capability: Capability) => boolean {
  const role = useAppStore((s) => s.sessionTarget?.kind ?? null);
  return useCallback((capability) => role !== null && can(role, capability), [role]);
}
