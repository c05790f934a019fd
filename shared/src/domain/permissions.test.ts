import { describe, expect, it } from 'vitest';
import { APP_ROLES, CAPABILITIES, type Capability, can, capabilitiesOf } from './permissions.ts';

// The rule in words; the table in permissions.ts must agree with it, not the other way round.
const PARTICIPANT_MAY: readonly Capability[] = ['help:request', 'feedback:submit', 'hand:raise'];

describe('can', () => {
  it('a participant can do exactly these: ask for help, submit their own feedback cards, raise a hand', () => {
    expect(CAPABILITIES.filter((c) => can('participant', c))).toEqual(PARTICIPANT_MAY);
  });

  it('a facilitator can do everything else: they run the session, they do not practise in it', () => {
    for (const capability of CAPABILITIES) {
      expect(can('facilitator', capability), capability).toBe(!PARTICIPANT_MAY.includes(capability));
    }
  });

  it('capabilitiesOf lists exactly what can allows', () => {
    for (const role of APP_ROLES) {
      expect([...capabilitiesOf(role)].sort()).toEqual(CAPABILITIES.filter((c) => can(role, c)).sort());
    }
  });
});
