/**
 * Feedback cards that are never lost, in real Chromium on the real server (embedded PGlite and
 * LiveKit), one facilitator and three participants in one group:
 * 1. Reminder: the feedback phase (10 s) runs out while the observer has not sent the card; the
 *    reminder appears in an assertive live region that was on the page before it (so it is
 *    announced); the guide and the advisee get none.
 * 2. Outage: the server crashes (SIGKILL of the app and its LiveKit); the observer sends the card
 *    anyway: it is "queued", never "sent", and sits in localStorage. The server starts again on
 *    the same port and data folder; the page reconnects by itself and the card reaches "sent"
 *    with no user action; the facilitator's console counts it and reads it.
 * 3. Reload: the card is edited and sent while the server is down (a clean SIGTERM shutdown this
 *    time); the page is then reloaded — the old document is gone (Chromium shows its error page,
 *    the server being down) — and only after that the server comes back: the reloaded page
 *    delivers the queued version from localStorage; the console has the new text, still one card.
 * The three run in order in one breakouts run: preparation skipped, conversation 10 s, feedback
 * 10 s, reflection 5 min (the card is editable until the round ends).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withFailureScreenshots } from '../fixtures/browser.ts';
import { joinAll, newCohort, openOneGroup, prepareWebinar, type User } from '../fixtures/cohort.ts';
import {
  ConsolePage,
  FacilitatorPage,
  FeedbackCardPage,
  FeedbackConsolePage,
  ParticipantPage,
} from '../fixtures/pages.ts';
import { useStage } from '../fixtures/stage.ts';
import { eventually, seenAt, watchFor } from '../fixtures/wait.ts';

const PEOPLE = [
  ['Ola Nordmann', 'Bergen'],
  ['Siri Hansen', 'Voss'],
  ['Kari Berg', 'Askøy'],
] as const;
const WORKED_WELL = 'Hun lot stillheten virke før hun spurte videre.';
const TRY_NEXT = 'Spør hva veisøker selv vil ta med seg.';
const TRY_NEXT_EDITED = 'Oppsummer med veisøkers egne ord før neste spørsmål.';
const OUTBOX_KEY = 'rundgang.feedback.v1.outbox';
const reminderSel = '[data-testid="feedback-reminder"]';
const statusSel = (state: string) => `[data-testid="feedback-status"][data-state="${state}"]`;

/** The outbox entries in the page's localStorage: card id and the content's free texts. */
function storedOutbox(page: Page) {
  return page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    const entries = raw
      ? (JSON.parse(raw) as {
          request: { cardId: string; content: { workedWell: string; tryNext: string } };
        }[])
      : [];
    return entries.map((e) => ({
      cardId: e.request.cardId,
      workedWell: e.request.content.workedWell,
      tryNext: e.request.content.tryNext,
    }));
  }, OUTBOX_KEY);
}

describe('feedback cards survive outages and reloads', () => {
  const stage = useStage();
  let f: User;
  let users: User[];
  let links: string[];
  let pages: Record<string, Page>;
  let groupId: string;
  let observer: User;
  let observerLink: string;
  let card: FeedbackCardPage;
  let cardId: string;
  let console_: ConsolePage;
  let feedbackConsole: FeedbackConsolePage;

  /** The console's copy of our card, opened, once its text contains `text`. */
  async function consoleShows(text: string) {
    await eventually(async () => {
      const shown = f.page.locator(`[data-testid="console-card"][data-card-id="${cardId}"]`);
      expect(await shown.count()).toBe(1);
      if (!(await shown.evaluate((d) => (d as HTMLDetailsElement).open)))
        await shown.locator('summary').click();
      expect(await shown.textContent()).toContain(text);
    }, 15_000);
  }

  /** Waits until the observer's page shows that a link dropped (socket or LiveKit). */
  async function observerNoticesOutage() {
    await observer.page.waitForSelector('[data-testid="reconnecting-banner"]', { timeout: 15_000 });
    // The socket drops with the TCP connection; LiveKit may be first. Give the socket a moment.
    await observer.page.waitForTimeout(500);
  }

  beforeAll(async () => {
    ({ facilitator: f, users, pages } = await newCohort(stage.browser, stage.app.url, PEOPLE.length));
    links = await prepareWebinar(new FacilitatorPage(f.page), stage.app.setupLink, 'Samling robust', PEOPLE);
    await joinAll(users, links);
    console_ = new ConsolePage(f.page);
    feedbackConsole = new FeedbackConsolePage(f.page);
  });

  it('reminds an observer without a sent card when the feedback phase runs out, in a live region', async () => {
    await withFailureScreenshots(pages, async () => {
      // 10 s ≈ 0.17 min: the shortest phase the exercise allows.
      const { group, breakouts, ids, roles } = await openOneGroup(console_, users, {
        phaseMinutes: [5, 0.17, 0.17, 5],
      });
      groupId = group.groupId;
      const observerAt = ids.indexOf(roles.observerIds[0] as string);
      observer = users[observerAt] as User;
      observerLink = links[observerAt] as string;
      const others = users.filter((u) => u !== observer);
      card = new FeedbackCardPage(observer.page);
      await card.waitForCard();
      cardId = (await card.card.getAttribute('data-card-id')) as string;

      // The live region is on the page, empty, before anything is said in it; mark it.
      const region = await observer.page.evaluate(() => {
        const r = document.querySelector('[data-testid="feedback-card"] [aria-live="assertive"]');
        r?.setAttribute('data-e2e-region', 'before');
        return r ? { text: r.textContent ?? '' } : null;
      });
      expect(region).toEqual({ text: '' });
      await watchFor(observer.page, '[data-testid="phase-timer"][data-phase="reflection"]', '__reflectionAt');
      await watchFor(observer.page, reminderSel, '__reminderAt');

      // Preparation skipped; conversation and feedback run out on their own (10 s each).
      await console_.skipPhaseAll();
      await eventually(async () => expect(await breakouts[observerAt]?.phase()).toBe('conversation'));
      const [first, second] = (await card.items()) as [string, string];
      await card.mark(first, 'tydelig');
      await card.workedWell(WORKED_WELL);
      await eventually(async () => expect(await breakouts[observerAt]?.phase()).toBe('feedback'), 15_000);
      expect(await observer.page.locator(reminderSel).count()).toBe(0);
      expect(await card.status()).toBe('draft');

      await observer.page.waitForSelector(reminderSel, { timeout: 20_000 });
      expect(await breakouts[observerAt]?.phase()).toBe('reflection');
      const announced = await observer.page.evaluate((sel) => {
        const r = document.querySelector(sel);
        const live = r?.closest('[aria-live]');
        return {
          text: r?.textContent ?? '',
          ariaLive: live?.getAttribute('aria-live') ?? null,
          sameRegionAsBefore: live?.getAttribute('data-e2e-region') === 'before',
        };
      }, reminderSel);
      expect(announced).toEqual({
        text: 'Tilbakemeldingsfasen er over, og kortet ditt er ikke sendt. Send det nå.',
        ariaLive: 'assertive',
        sameRegionAsBefore: true,
      });
      const reflectionAt = (await seenAt(observer.page, '__reflectionAt')) as number;
      const reminderAt = (await seenAt(observer.page, '__reminderAt')) as number;
      console.info(`[resilience] feedback phase over → reminder shown ${reminderAt - reflectionAt} ms`);
      expect(reminderAt - reflectionAt).toBeLessThan(1000);
      for (const other of others) expect(await other.page.locator(reminderSel).count()).toBe(0);

      // The rest of the card is filled in the reflection (the round is still open).
      await card.mark(second, 'delvis');
      await card.tryNext(TRY_NEXT);
      expect(await card.status()).toBe('draft');
    });
  });

  it('a card sent while the server is down is queued, then delivered when it is back', async () => {
    await withFailureScreenshots(pages, async () => {
      expect(await feedbackConsole.count(groupId)).toBe('0/1');
      await stage.app.halt('SIGKILL');
      const downAt = Date.now();
      await observerNoticesOutage();

      await card.submit();
      await observer.page.waitForSelector(statusSel('queued'), { timeout: 5000 });
      // A queued card counts as handed in: no reminder any more.
      expect(await observer.page.locator(reminderSel).count()).toBe(0);
      // It stays queued while the server is away (never "sent" without an ack).
      await observer.page.waitForTimeout(1500);
      expect(await card.status()).toBe('queued');
      expect(await storedOutbox(observer.page)).toEqual([
        { cardId, workedWell: WORKED_WELL, tryNext: TRY_NEXT },
      ]);

      await watchFor(observer.page, statusSel('sent'), '__sentAt');
      await feedbackConsole.watchCount(groupId, '1/1');
      await stage.app.resume();
      const upAt = Date.now();

      // No clicks from here on: the page reconnects and the outbox delivers the card.
      await observer.page.waitForSelector(statusSel('sent'), { timeout: 30_000 });
      await eventually(async () => expect(await feedbackConsole.count(groupId)).toBe('1/1'), 15_000);
      await consoleShows(WORKED_WELL);
      await consoleShows(TRY_NEXT);
      expect(await storedOutbox(observer.page)).toEqual([]);
      const sentAt = (await seenAt(observer.page, '__sentAt')) as number;
      const countAt = (await seenAt(f.page, '__countAt')) as number;
      console.info(
        `[resilience] crash: server down ${upAt - downAt} ms (incl. restart); server up → card sent ` +
          `${sentAt - upAt} ms; server up → console 1/1 ${countAt - upAt} ms`,
      );
    });
  });

  it('a queued card survives a page reload and is delivered by the reloaded page', async () => {
    await withFailureScreenshots(pages, async () => {
      await card.tryNext(TRY_NEXT_EDITED);
      expect(await card.status()).toBe('draft');
      await stage.app.halt('SIGTERM');
      await observerNoticesOutage();
      await card.submit();
      await observer.page.waitForSelector(statusSel('queued'), { timeout: 5000 });
      expect(await storedOutbox(observer.page)).toEqual([
        { cardId, workedWell: WORKED_WELL, tryNext: TRY_NEXT_EDITED },
      ]);

      // Reload while the server is down: the app's document is replaced by Chromium's error page.
      const reload = await observer.page.reload().then(
        () => 'loaded',
        (err: Error) => err.message,
      );
      expect(reload).toMatch(/ERR_CONNECTION_REFUSED/);
      expect(await observer.page.locator('[data-testid="feedback-card"]').count()).toBe(0);

      await stage.app.resume();
      const upAt = Date.now();
      await observer.page.reload();
      await new ParticipantPage(observer.page).join(observerLink);
      await card.waitForCard();
      expect(await card.card.getAttribute('data-card-id')).toBe(cardId);
      expect(await observer.page.inputValue('[data-testid="feedback-try-next"]')).toBe(TRY_NEXT_EDITED);
      await observer.page.waitForSelector(statusSel('sent'), { timeout: 20_000 });
      const sentAt = Date.now();
      expect(await storedOutbox(observer.page)).toEqual([]);
      // The server upserted the same card: still one card, with the edited text.
      await consoleShows(TRY_NEXT_EDITED);
      expect(await feedbackConsole.count(groupId)).toBe('1/1');
      expect(await f.page.locator('[data-testid="console-card"]').count()).toBe(1);
      console.info(`[resilience] reload: server up → reloaded page joined and card sent ${sentAt - upAt} ms`);
    });
    console.info(`[resilience] page errors: ${JSON.stringify([f, ...users].flatMap((u) => u.errors))}`);
  });
});
