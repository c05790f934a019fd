/**
 * Role-aware media end to end: one facilitator and three participants in one group on the real
 * LiveKit server, with "observers muted during the conversation" on. In the conversation the
 * observer's video no longer reaches the guide and the advisee and the observer sees why; in
 * the feedback phase it plays again from the very same tracks (no new getUserMedia). The
 * console tile shows every member connected through LiveKit's own presence (webhooks), and
 * the agenda started on the console reaches the participants' plenary.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, speechLikeWav, withFailureScreenshots } from '../fixtures/browser.ts';
import { joinAll, newCohort, openOneGroup, prepareWebinar } from '../fixtures/cohort.ts';
import { ConsolePage, FacilitatorPage, receivedMedia, waitForMediaFrom } from '../fixtures/pages.ts';
import { useStage } from '../fixtures/stage.ts';
import { eventually as eventuallyWithin } from '../fixtures/wait.ts';

const PEOPLE = [
  ['Ola Nordmann', 'Bergen'],
  ['Siri Hansen', 'Voss'],
  ['Kari Berg', 'Askøy'],
] as const;

/** Waits until `check` passes; media settles slower than the DOM, so allow 30 s. */
const eventually = <T>(check: () => Promise<T>) => eventuallyWithin(check, 30_000);

/** Counts getUserMedia calls in the page, to prove tracks come back without capturing anew. */
const COUNT_GET_USER_MEDIA = () => {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  (window as unknown as { __gum: number }).__gum = 0;
  devices.getUserMedia = (constraints) => {
    (window as unknown as { __gum: number }).__gum += 1;
    return original(constraints);
  };
};
const getUserMediaCalls = (page: Page) => page.evaluate(() => (window as unknown as { __gum: number }).__gum);

describe('role-aware media', () => {
  const stage = useStage([`--use-file-for-fake-audio-capture=${speechLikeWav()}`]);

  it('the observer is off during the conversation and back in feedback; the console sees everyone connected', {
    timeout: 420_000,
  }, async () => {
    const started = Date.now();
    const lap = (what: string) =>
      console.info(`[role-media] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const { facilitator: f, users, pages } = await newCohort(stage.browser, stage.app.url, PEOPLE.length);
    for (const u of users) await u.page.addInitScript(COUNT_GET_USER_MEDIA);

    await withFailureScreenshots(pages, async () => {
      const facilitator = new FacilitatorPage(f.page);
      const links = await prepareWebinar(facilitator, stage.app.setupLink, 'Samling 1', PEOPLE);
      await joinAll(users, links);
      lap('everyone joined');

      // The agenda lives in the session: starting it on the console shows the segment to participants.
      await f.page.click('[data-testid="agenda-start"]');
      await f.page.waitForSelector('[data-testid="agenda-current"][data-index="0"]');
      await f.page.click('[data-testid="agenda-next"]');
      await f.page.waitForSelector('[data-testid="agenda-current"][data-index="1"]');
      const segmentTitle = (await f.page.locator('[data-testid="agenda-item"]').nth(1).textContent()) ?? '';
      for (const u of users) {
        await eventually(async () =>
          expect(
            segmentTitle.includes(
              ((await u.page.locator('[data-testid="current-segment"]').textContent()) ?? '').replace(
                /^Nå: /,
                '',
              ),
            ),
          ).toBe(true),
        );
      }
      lap('agenda segment reached the participants');

      // The plan editor works by keyboard: move item 3 up with Enter, focus follows it; save.
      const titles = () => f.page.locator('[data-testid="agenda-item"] .agenda__title').allTextContents();
      const before = await titles();
      await f.page.click('[data-testid="agenda-edit"]');
      await f.page.focus('[data-testid="agenda-editor"] [aria-label="Flytt punkt 3 opp"]');
      await f.page.keyboard.press('Enter');
      expect(await f.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        'Flytt punkt 2 opp',
      );
      await f.page.locator('[data-testid="agenda-segment-minutes"]').nth(0).fill('25');
      await screenshot(f.page, 'agenda-editor');
      await f.page.click('[data-testid="agenda-save"]');
      await f.page.waitForSelector('[data-testid="agenda-editor"]', { state: 'detached' });
      const after = await eventually(async () => {
        const now = await titles();
        expect(now[1]).toBe(before[2]);
        return now;
      });
      expect(after[2]).toBe(before[1]);
      expect(await f.page.locator('[data-testid="agenda-item"] .agenda__minutes').first().textContent()).toBe(
        '25 min',
      );
      lap('agenda edited by keyboard');

      const console_ = new ConsolePage(f.page);
      const { ids, roles } = await openOneGroup(
        console_,
        users,
        { phaseMinutes: [5, 5, 5, 5], muteObservers: true },
        30_000,
      );
      const pageOf = (id: string) => users[ids.indexOf(id)]?.page as Page;
      const observerId = roles.observerIds[0] as string;
      const observer = pageOf(observerId);
      const others = [roles.guideId, roles.adviseeId].map(pageOf);
      lap('breakouts open');

      // Preparation: everyone publishes, so every page plays its two mates.
      await Promise.all(users.map((u) => waitForMediaFrom(u.page, 2)));
      const gumBefore = await getUserMediaCalls(observer);
      // The console knows from LiveKit (not only the socket) that all three are in their room.
      const presenceSeen = Date.now();
      await eventually(async () => {
        const [g] = await console_.groups();
        expect(g?.connections).toEqual(Object.fromEntries(ids.map((id) => [id, 'connected'])));
      });
      console.info(`[role-media] console presence all connected ${Date.now() - presenceSeen} ms after media`);
      // …and that verdict came from LiveKit's webhooks, not the socket-only fallback.
      expect(await f.page.getAttribute('[data-testid="rooms-overview"]', 'data-media-presence')).toBe(
        'reported',
      );
      // Speaking reaches the console: every fake microphone plays a steady tone, so each member speaks.
      const speakingSeen = Date.now();
      await eventually(async () => {
        const speaking = await f.page.$$eval('[data-testid="group-member"][data-speaking="true"]', (ms) =>
          ms.map((m) => m.getAttribute('data-participant-id')),
        );
        expect(speaking.sort()).toEqual([...ids].sort());
      });
      console.info(
        `[role-media] console shows all three speaking ${Date.now() - speakingSeen} ms after presence`,
      );
      lap('group media and presence verified');

      // Conversation: the observer's tracks are unpublished by the server.
      await console_.skipPhaseAll();
      const muteStarted = Date.now();
      await eventually(async () => {
        for (const page of others) {
          const m = await receivedMedia(page);
          expect(m.playingVideo).not.toContain(`p:${observerId}`);
          expect(m.playingVideo).toHaveLength(1);
        }
      });
      console.info(
        `[role-media] observer video gone on both pages ${Date.now() - muteStarted} ms after skip`,
      );
      const notice = observer.locator('[data-testid="publish-revoked"]');
      await notice.waitFor();
      expect(await notice.textContent()).toBe('Du er observatør: mikrofon og kamera er av under samtalen');
      expect(await observer.locator('[data-testid="toggle-mic"]').isDisabled()).toBe(true);
      expect(await observer.locator('[data-testid="toggle-camera"]').isDisabled()).toBe(true);
      // With its microphone unpublished, the observer no longer shows as speaking on the console.
      await f.page.waitForSelector(
        `[data-testid="group-member"][data-participant-id="${observerId}"][data-speaking="false"]`,
      );
      // The observer still sees and hears the conversation.
      expect((await receivedMedia(observer)).playingVideo).toHaveLength(2);
      // Stays off while the conversation lasts (no flapping back).
      await observer.waitForTimeout(2000);
      for (const page of others)
        expect((await receivedMedia(page)).playingVideo).not.toContain(`p:${observerId}`);
      await screenshot(observer, 'role-media-observer-muted');
      await screenshot(others[0] as Page, 'role-media-guide-during-conversation');
      await observer.screenshot({
        path: (await screenshot(observer, 'role-media-observer-muted')).replace('.png', '-viewport.png'),
      });
      await f.page.screenshot({
        path: (await screenshot(f.page, 'role-media-console-1440x900')).replace('.png', '-viewport.png'),
      });
      lap('observer muted in the conversation');

      // Feedback: permission back, the same tracks are published again.
      await console_.skipPhaseAll();
      const backStarted = Date.now();
      await Promise.all(
        others.map(async (page) => {
          const m = await waitForMediaFrom(page, 2);
          expect(m.playingVideo).toContain(`p:${observerId}`);
        }),
      );
      console.info(
        `[role-media] observer video back on both pages ${Date.now() - backStarted} ms after skip`,
      );
      await observer.locator('[data-testid="publish-revoked"]').waitFor({ state: 'detached' });
      expect(await observer.locator('[data-testid="toggle-mic"]').isDisabled()).toBe(false);
      expect(await observer.locator('[data-testid="toggle-mic"]').getAttribute('data-enabled')).toBe('true');
      expect(await observer.locator('[data-testid="toggle-camera"]').getAttribute('data-enabled')).toBe(
        'true',
      );
      expect(await getUserMediaCalls(observer)).toBe(gumBefore);
      const [g] = await console_.groups();
      expect(g?.phase).toBe('feedback');
      lap('observer back in feedback');
    });

    expect([f, ...users].flatMap((u) => u.errors)).toEqual([]);
  });
});
