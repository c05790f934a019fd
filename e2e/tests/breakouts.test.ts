/**
 * Breakouts end to end: one facilitator and six participants in real Chromium on the real
 * LiveKit server. The facilitator opens two groups of three; each participant sees exactly
 * their two group mates; three rounds rotate the role cards as the engine plans them; every
 * page shows the same time left; help reaches the console; closing brings all seven back to
 * the plenary. axe-core checks the console, pre-join and breakout pages in nb and en.
 */
import { createRequire } from 'node:module';
import { planRotation, roleOf } from '@rundgang/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, screenshot, withFailureScreenshots } from '../fixtures/browser.ts';
import { consoleGroupsOf, joinAll, newCohort, prepareWebinar } from '../fixtures/cohort.ts';
import {
  BreakoutPage,
  ConsolePage,
  FacilitatorPage,
  receivedMedia,
  secondsOf,
  seriousA11yViolations,
  setLanguage,
  waitForMediaFrom,
} from '../fixtures/pages.ts';
import { useStage } from '../fixtures/stage.ts';
import { eventually } from '../fixtures/wait.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PEOPLE = [
  ['Ola Nordmann', 'Bergen'],
  ['Siri Hansen', 'Voss'],
  ['Kari Berg', 'Bergen'],
  ['Nils Dahl', 'Voss'],
  ['Ingrid Lie', 'Askøy'],
  ['Per Moen', 'Askøy'],
] as const;

describe('breakouts', () => {
  const stage = useStage();

  it('two groups of three rotate roles in sync and come back to the plenary', {
    timeout: 600_000,
  }, async () => {
    const started = Date.now();
    const lap = (what: string) =>
      console.info(`[breakouts] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const { facilitator: f, users, pages } = await newCohort(stage.browser, stage.app.url, PEOPLE.length);
    const a11y: Record<string, unknown[]> = {};

    await withFailureScreenshots(pages, async () => {
      const facilitator = new FacilitatorPage(f.page);
      const links = await prepareWebinar(facilitator, stage.app.setupLink, 'Samling 2', PEOPLE);

      // Pre-join, checked by axe in both languages before anyone joins.
      const first = users[0]?.page as Page;
      await first.goto(links[0] as string);
      await first.waitForSelector('[data-testid="prejoin-join"]:not([disabled])');
      a11y['prejoin nb'] = await seriousA11yViolations(first, axePath);
      await setLanguage(first, 'en');
      a11y['prejoin en'] = await seriousA11yViolations(first, axePath);
      await setLanguage(first, 'nb');

      await joinAll(users, links);
      lap('everyone joined');

      const console_ = new ConsolePage(f.page);
      a11y['console (open breakouts) nb'] = await seriousA11yViolations(f.page, axePath);
      await console_.openBreakouts(6, { phaseMinutes: [5, 5, 5, 5], closingSeconds: 10 });
      const groups = await consoleGroupsOf(console_, [3, 3]);
      lap('breakouts open');

      // Each participant lands in its group's room and sees exactly its two mates.
      const breakouts = users.map((u) => new BreakoutPage(u.page));
      const ids = await Promise.all(breakouts.map((b) => b.participantId()));
      const groupOf = (id: string) => groups.find((g) => g.memberIds.includes(id));
      await Promise.all(
        breakouts.map(async (b, i) => {
          const groupId = await b.waitForGroup();
          expect(groupId).toBe(groupOf(ids[i] as string)?.groupId);
        }),
      );
      // While a page leaves the plenary its tiles go one by one, so "two videos" alone can be a
      // passing moment: wait until the two are exactly the mates.
      const media = await Promise.all(
        users.map((u, i) => {
          const mates = (groupOf(ids[i] as string)?.memberIds ?? [])
            .filter((id) => id !== ids[i])
            .map((id) => `p:${id}`)
            .sort();
          return eventually(async () => {
            const m = await receivedMedia(u.page);
            expect(m.playingVideo).toEqual(mates);
            expect(m.liveAudio).toBeGreaterThanOrEqual(2);
            return m;
          }, 90_000);
        }),
      );
      // Still exactly the mates a moment later: no one from the other group slipped in.
      const again = await Promise.all(users.map((u) => receivedMedia(u.page)));
      for (const [i, m] of again.entries()) expect(m.playingVideo).toEqual(media[i]?.playingVideo);
      lap('group video verified');

      // Three rounds: the role cards follow the engine's rotation for each group.
      for (let round = 0; round < 3; round += 1) {
        if (round > 0) await console_.nextRoundAll();
        await eventually(async () => {
          for (const [i, b] of breakouts.entries()) {
            const group = groupOf(ids[i] as string);
            const plan = planRotation(group?.memberIds ?? [], 3)[round];
            expect(plan).toBeDefined();
            expect(await b.role()).toBe(roleOf(plan as NonNullable<typeof plan>, ids[i] as string));
            expect(await b.phase()).toBe('preparation');
          }
          // The console agrees with the participants.
          for (const g of await console_.groups()) {
            const plan = planRotation(g.memberIds, 3)[round];
            for (const id of g.memberIds)
              expect(g.roles[id]).toBe(roleOf(plan as NonNullable<typeof plan>, id));
          }
        });
        lap(`round ${round + 1} roles verified`);
        if (round === 0) {
          await console_.skipPhaseAll();
          await eventually(async () => {
            for (const b of breakouts) expect(await b.phase()).toBe('conversation');
          });
          await console_.broadcast('Fem minutter igjen av samtalen');
          await eventually(async () => {
            for (const u of users) {
              expect(await u.page.locator('[data-testid="broadcast-banner"]').textContent()).toContain(
                'Fem minutter igjen',
              );
            }
          });
        }
      }

      // At the same instant, every page shows the same time left (±1 s).
      const spreads: number[] = [];
      for (let sample = 0; sample < 3; sample += 1) {
        const texts = await Promise.all([
          ...users.map((u) => u.page.locator('[data-testid="time-left"]').textContent()),
          ...[0, 1].map((n) => f.page.locator('[data-testid="group-time-left"]').nth(n).textContent()),
        ]);
        const seconds = texts.map((t) => secondsOf(t ?? ''));
        spreads.push(Math.max(...seconds) - Math.min(...seconds));
        await new Promise((r) => setTimeout(r, 700));
      }
      console.info(`[breakouts] time-left spread across 8 displays: ${spreads.join(', ')} s`);
      for (const spread of spreads) expect(spread).toBeLessThanOrEqual(1);

      // Help from one participant reaches the console tile of their group.
      await breakouts[0]?.requestHelp();
      const helpGroup = groupOf(ids[0] as string)?.groupId;
      await eventually(async () => {
        const gs = await console_.groups();
        expect(gs.find((g) => g.groupId === helpGroup)?.help).toBe(true);
        expect(gs.filter((g) => g.help)).toHaveLength(1);
      });
      await f.page.waitForSelector(
        `[data-testid="group-tile"][data-group-id="${helpGroup}"] [data-testid="help-flag"]`,
      );
      lap('help reached the console');

      // Screenshots and axe while breakouts run.
      await screenshot(f.page, 'console-1440x900');
      // Density check for a full webinar: the same two tiles cloned to twenty (visual only).
      await f.page.evaluate(() => {
        const grid = document.querySelector('.rooms__grid');
        const tiles = [...(grid?.children ?? [])];
        for (let i = 0; i < 18; i += 1) {
          const clone = tiles[i % tiles.length]?.cloneNode(true) as HTMLElement;
          clone.dataset.clone = 'true';
          clone.removeAttribute('data-testid');
          // Show the rarer member states too, as the tile renders them, to judge them at density.
          const member = clone.querySelectorAll('.group-member')[i % 3];
          const state = ['joining', 'gone', 'elsewhere', 'connected'][i % 4] as string;
          if (member && state !== 'connected') {
            member.className = `group-member group-member--${state}`;
            const mark = member.querySelector('.connection-mark');
            if (mark) mark.className = `connection-mark connection-mark--${state}`;
            member.querySelector('.connection-mark + .visually-hidden')?.remove();
            member.querySelector('.speaking-mark')?.remove();
            const text = document.createElement('span');
            text.className = 'connection-text';
            text.textContent =
              { joining: 'kobler til …', gone: 'borte', elsewhere: 'i feil rom' }[state] ?? '';
            mark?.after(text);
          }
          grid?.append(clone);
        }
      });
      await f.page.screenshot({ path: `${artifactsDir}/console-20-groups-viewport.png` });
      await f.page.evaluate(() => {
        for (const clone of document.querySelectorAll('[data-clone="true"]')) clone.remove();
      });
      const participant = users[1]?.page as Page;
      await screenshot(participant, 'breakout-desktop');
      a11y['console (rooms) nb'] = await seriousA11yViolations(f.page, axePath);
      a11y['breakout nb'] = await seriousA11yViolations(participant, axePath);
      await setLanguage(f.page, 'en');
      await setLanguage(participant, 'en');
      a11y['console (rooms) en'] = await seriousA11yViolations(f.page, axePath);
      a11y['breakout en'] = await seriousA11yViolations(participant, axePath);
      await participant.setViewportSize({ width: 390, height: 844 });
      await participant.waitForTimeout(500);
      for (const id of ['role-card', 'time-left', 'participant-tile']) {
        expect(await participant.locator(`[data-testid="${id}"]`).first().isVisible()).toBe(true);
      }
      await participant.screenshot({
        path: (await screenshot(participant, 'breakout-390x844')).replace('.png', '-viewport.png'),
      });
      await setLanguage(participant, 'nb');
      await setLanguage(f.page, 'nb');
      await participant.setViewportSize({ width: 1280, height: 800 });

      // Close with a countdown: every page shows it, then everyone is back in the plenary.
      await console_.closeBreakouts();
      await Promise.all(users.map((u) => u.page.waitForSelector('[data-testid="closing-countdown"]')));
      lap('closing countdown shown');
      await Promise.all(
        Object.values(pages).map((p) =>
          p.waitForSelector('[data-testid="plenary-view"], [data-testid="open-breakouts"]', {
            timeout: 30_000,
          }),
        ),
      );
      const plenary = await Promise.all(Object.values(pages).map((p) => waitForMediaFrom(p, 6, 90_000)));
      for (const m of plenary) expect(m.playingVideo).toHaveLength(6);
      expect(new Set(plenary.flatMap((m) => m.playingVideo)).size).toBe(7);
      lap('everyone back in the plenary');
      await screenshot(f.page, 'console-after-close');
    });

    for (const [where, violations] of Object.entries(a11y)) expect([where, violations]).toEqual([where, []]);
    expect([f, ...users].flatMap((u) => u.errors)).toEqual([]);
  });
});
