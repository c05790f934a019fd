/**
 * A safe console for 19 groups: one facilitator in Chromium on a 1366×900 laptop, one
 * participant in Chromium and 56 as socket clients. In the plenary, "mute all" takes the
 * participant's published microphone through LiveKit and raised hands queue on the console. "Hopp over fase (alle)" followed by "Angre" puts every group's
 * phase and deadline back exactly; a single stray key changes nothing; a group asking for help
 * comes first; in the compact view all 19 groups are on the screen at once; arrow keys move
 * the grid's one tab stop.
 */

import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { TimerState } from '@rundgang/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, newUser, withFailureScreenshots } from '../fixtures/browser.ts';
import { consoleGroupsOf, type Invitee } from '../fixtures/cohort.ts';
import {
  ConsolePage,
  FacilitatorPage,
  ParticipantPage,
  seriousA11yViolations,
  setLanguage,
} from '../fixtures/pages.ts';
import {
  connectByInvite,
  inviteByApi,
  type SocketParticipant,
  webinarIdOf,
} from '../fixtures/socket-participants.ts';
import { useStage } from '../fixtures/stage.ts';
import { eventually } from '../fixtures/wait.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const MUNICIPALITIES = ['Bergen', 'Voss', 'Askøy', 'Bjørnafjorden'];
const PEOPLE: Invitee[] = Array.from({ length: 57 }, (_, i) => [
  `Mentor ${String(i + 1).padStart(2, '0')}`,
  MUNICIPALITIES[i % MUNICIPALITIES.length] as string,
]);

/** Every group's timer, by group id, as one participant's session shows it. */
function timersOf(p: SocketParticipant): Record<string, TimerState> {
  const groups = p.latest()?.state.breakouts?.groups ?? [];
  return Object.fromEntries(groups.map((g) => [g.id, g.timer]));
}

describe('console safety', () => {
  const stage = useStage();

  it('undoes a skip for all groups exactly and shows 19 groups, help first, on one screen', {
    timeout: 600_000,
  }, async () => {
    const f = await newUser(stage.browser, stage.app.url, { width: 1366, height: 900 });
    const participants: SocketParticipant[] = [];
    const pages: Record<string, Page> = { facilitator: f.page };
    await withFailureScreenshots(pages, async () => {
      const facilitator = new FacilitatorPage(f.page);
      await facilitator.setUpFirstAccount(stage.app.setupLink);
      await facilitator.createWebinar('Samling 4');
      const webinarId = webinarIdOf(f.page);
      const invited = await inviteByApi(f.page, webinarId, PEOPLE);
      await f.page.reload();
      await facilitator.openAndEnter();
      // One participant in Chromium, the other 56 as socket clients.
      const [browserWho, ...socketWhos] = invited;
      if (!browserWho) throw new Error('nobody invited');
      const p = await newUser(stage.browser, stage.app.url);
      pages.participant = p.page;
      await new ParticipantPage(p.page).join(`${stage.app.url}/join/${browserWho.invite}`);
      for (const who of socketWhos) participants.push(await connectByInvite(stage.app.url, who));
      const watcher = participants[0] as SocketParticipant;

      // Plenary attendance counts the 57.
      await eventually(async () => {
        expect(await f.page.locator('[data-testid="attendance-count"]').textContent()).toContain('57 av 57');
      }, 30_000);

      // "Slå av alle mikrofoner": the server takes the microphone through LiveKit, so the
      // participant's page loses its published microphone without doing anything.
      const mic = p.page.locator('[data-testid="toggle-mic"]');
      await eventually(async () => expect(await mic.getAttribute('data-enabled')).toBe('true'), 30_000);
      await f.page.click('[data-testid="mute-all"]');
      await eventually(async () => {
        expect(await mic.getAttribute('data-enabled')).toBe('false');
        expect(await p.page.locator('[data-testid="mic-locked"]').count()).toBe(1);
      }, 30_000);

      // Raised hands reach the console in the order they went up.
      const first = participants[1] as SocketParticipant;
      expect((await first.request('hand:raise', { raised: true })).ok).toBe(true);
      await p.page.click('[data-testid="raise-hand"]');
      await eventually(async () => {
        const hands = await f.page.$$eval('[data-testid="raised-hand"]', (li) =>
          li.map((x) => x.getAttribute('data-participant-id')),
        );
        expect(hands).toEqual([first.id, browserWho.id]);
      });
      await f.page.screenshot({ path: join(artifactsDir, 'console-plenary-floor.png') });
      // "Gi ordet": the microphone may be turned on again (by its owner), the hand goes down.
      await f.page.click(
        `[data-testid="raised-hand"][data-participant-id="${browserWho.id}"] button >> nth=0`,
      );
      await eventually(async () => {
        expect(await p.page.locator('[data-testid="mic-locked"]').count()).toBe(0);
        expect(await mic.isDisabled()).toBe(false);
        expect(await f.page.locator('[data-testid="raised-hand"]').count()).toBe(1);
      });

      const console_ = new ConsolePage(f.page);
      await console_.openBreakouts(57);
      await consoleGroupsOf(console_, Array(19).fill(3), 30_000);
      await eventually(async () => expect(Object.keys(timersOf(watcher))).toHaveLength(19));
      const before = timersOf(watcher);

      // A single stray "s" is no shortcut any more: nothing changes, nothing to undo.
      await f.page.locator('body').click({ position: { x: 5, y: 5 } });
      await f.page.keyboard.press('s');
      await f.page.keyboard.press('n');
      expect(await f.page.locator('[data-testid="undo-toast"]').count()).toBe(0);
      expect(timersOf(watcher)).toEqual(before);

      // "Hopp over fase (alle)", then "Angre": every phase and deadline is back exactly.
      await console_.skipPhaseAll();
      await f.page.waitForSelector('[data-testid="undo-toast"]');
      await eventually(async () => {
        const skipped = timersOf(watcher);
        for (const id of Object.keys(before)) expect(skipped[id]?.phaseIndex).toBe(1);
      });
      const toast = (await f.page.locator('[data-testid="undo-toast"]').textContent()) ?? '';
      console.info(`[console-safety] toast: ${toast}`);
      await f.page.click('[data-testid="undo-button"]');
      await eventually(async () => expect(timersOf(watcher)).toEqual(before));
      await eventually(async () =>
        expect(await f.page.locator('[data-testid="undo-toast"]').count()).toBe(0),
      );
      const phases = await console_.groups();
      expect(new Set(phases.map((g) => g.phase))).toEqual(new Set(['preparation']));

      // With the modifier the shortcut works, and can be undone too.
      await f.page.keyboard.press('Alt+Shift+KeyN');
      await eventually(async () => expect(timersOf(watcher).g1?.round).toBe(1));
      await f.page.click('[data-testid="undo-button"]');
      await eventually(async () => expect(timersOf(watcher)).toEqual(before));

      // A group in the middle asks for help: it moves to the front of the grid.
      const asker = participants.find((p) =>
        watcher
          .latest()
          ?.state.breakouts?.groups.find((g) => g.id === 'g12')
          ?.memberIds.includes(p.id),
      ) as SocketParticipant;
      expect((await asker.request('help:request', {})).ok).toBe(true);
      await eventually(async () => {
        const first = f.page.locator('[data-testid="group-tile"]').first();
        expect(await first.getAttribute('data-group-id')).toBe('g12');
        expect(await first.getAttribute('data-attention')).toContain('help');
      });

      // Compact view (the default for 19 groups): every tile lies inside the 1366×900 viewport.
      expect(await f.page.isChecked('[data-testid="compact-view"]')).toBe(true);
      await f.page.evaluate(() => window.scrollTo(0, 0));
      // The room controls stick to the bottom of the window: a tile under them is not visible.
      const visibleBottom = await f.page.$eval('.room-controls', (el) => el.getBoundingClientRect().top);
      const boxes = await f.page.$$eval('[data-testid="group-tile"]', (tiles) =>
        tiles.map((t) => {
          const r = t.getBoundingClientRect();
          return { id: t.getAttribute('data-group-id'), top: r.top, bottom: r.bottom, right: r.right };
        }),
      );
      const lowest = Math.max(...boxes.map((b) => b.bottom));
      console.info(
        `[console-safety] ${boxes.length} tiles, lowest bottom ${lowest.toFixed(0)} px; controls start at ${visibleBottom.toFixed(0)} px of 900`,
      );
      expect(boxes).toHaveLength(19);
      for (const b of boxes) {
        expect(b.top).toBeGreaterThanOrEqual(0);
        expect(b.bottom).toBeLessThanOrEqual(Math.min(900, visibleBottom));
        expect(b.right).toBeLessThanOrEqual(1366);
      }
      await f.page.screenshot({ path: join(artifactsDir, 'console-19-groups-compact.png') });

      // axe (serious and critical, WCAG 2.2 target size included) on the compact console, nb and en.
      const consoleA11y = { nb: await seriousA11yViolations(f.page, axePath) };
      await setLanguage(f.page, 'en');
      const en = await seriousA11yViolations(f.page, axePath);
      await setLanguage(f.page, 'nb');
      console.info(`[console-safety] axe: ${JSON.stringify({ ...consoleA11y, en })}`);
      expect({ ...consoleA11y, en }).toEqual({ nb: [], en: [] });

      // The grid is one tab stop; arrow keys move between groups.
      expect(await f.page.locator('[data-testid="group-tile"][tabindex="0"]').count()).toBe(1);
      await f.page.locator('[data-testid="group-tile"]').first().focus();
      await f.page.keyboard.press('ArrowRight');
      const focused = await f.page.evaluate(() => document.activeElement?.getAttribute('data-group-id'));
      const second = await f.page.locator('[data-testid="group-tile"]').nth(1).getAttribute('data-group-id');
      expect(focused).toBe(second);
      expect(
        await f.page.locator('[data-testid="group-tile"][tabindex="0"]').getAttribute('data-group-id'),
      ).toBe(second);
      expect(f.errors).toEqual([]);
    }).finally(() => {
      for (const p of participants) p.socket.close();
    });
  });
});
