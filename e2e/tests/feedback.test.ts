/**
 * Observer feedback cards end to end: one facilitator and three participants in one group, in
 * real Chromium on the real server. The observer fills a card (and reloads mid-draft: the draft
 * survives), sends it; the facilitator's console counts it within a second of the ack; the guide
 * reads it in the breakout and on the print page; the plenary summary counts it and, shown in the
 * plenary, reaches the participants. axe checks the card; screenshots on desktop and phone.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { artifactsDir, screenshot, withFailureScreenshots } from '../fixtures/browser.ts';
import { joinAll, newCohort, openOneGroup, prepareWebinar } from '../fixtures/cohort.ts';
import {
  ConsolePage,
  FacilitatorPage,
  FeedbackCardPage,
  FeedbackConsolePage,
  ParticipantPage,
  seriousA11yViolations,
  setLanguage,
} from '../fixtures/pages.ts';
import { useStage } from '../fixtures/stage.ts';
import { eventually, seenAt, watchFor } from '../fixtures/wait.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PEOPLE = [
  ['Ola Nordmann', 'Bergen'],
  ['Siri Hansen', 'Voss'],
  ['Kari Berg', 'Askøy'],
] as const;
const WORKED_WELL = 'Du ventet rolig og lot veisøker tenke ferdig.';
const TRY_NEXT = 'Oppsummer før du stiller neste spørsmål.';
const EXAMPLE = 'Spurte: «Hva tenker du selv om det?»';

describe('feedback cards', () => {
  const stage = useStage();

  it('an observer sends a card; console, guide, summary and plenary get it', {
    timeout: 400_000,
  }, async () => {
    const { facilitator: f, users, pages } = await newCohort(stage.browser, stage.app.url, PEOPLE.length);
    const a11y: Record<string, unknown[]> = {};

    await withFailureScreenshots(pages, async () => {
      const facilitator = new FacilitatorPage(f.page);
      const links = await prepareWebinar(facilitator, stage.app.setupLink, 'Samling 1', PEOPLE);
      await joinAll(users, links);

      const console_ = new ConsolePage(f.page);
      const { group, breakouts, ids, roles } = await openOneGroup(console_, users, {
        phaseMinutes: [5, 5, 5, 5],
      });
      const index = (id: string) => ids.indexOf(id);
      const observerAt = index(roles.observerIds[0] as string);
      const guideAt = index(roles.guideId);
      const adviseeAt = index(roles.adviseeId);
      const observer = users[observerAt] as (typeof users)[number];
      const guide = users[guideAt] as (typeof users)[number];
      const advisee = users[adviseeAt] as (typeof users)[number];
      const card = new FeedbackCardPage(observer.page);

      // Only the observer gets the form; the others read an explanation.
      await card.waitForCard();
      for (const other of [guide, advisee]) {
        expect(await other.page.locator('[data-testid="feedback-card"]').count()).toBe(0);
        expect(await other.page.locator('[data-testid="feedback-panel"]').textContent()).toContain(
          'Observatørene',
        );
      }
      await expect(card.status()).resolves.toBe('draft');

      // Fill part of the card while "listening", then reload: the draft is still there.
      const items = await card.items();
      expect(items.length).toBeGreaterThanOrEqual(3);
      const [first, second, third] = items as [string, string, string];
      await card.mark(first, 'tydelig');
      await card.example(first, EXAMPLE);
      await card.mark(second, 'delvis');
      await card.workedWell(WORKED_WELL);
      await card.tool('open_questions');
      await observer.page.waitForFunction(() =>
        Object.keys(localStorage).some(
          (k) =>
            k.startsWith('rundgang.feedback.v1.draft:') && localStorage.getItem(k)?.includes('ventet rolig'),
        ),
      );
      const cardIdBefore = await card.card.getAttribute('data-card-id');
      await observer.page.reload();
      await new ParticipantPage(observer.page).join(links[observerAt] as string);
      await card.waitForCard();
      expect(await card.card.getAttribute('data-card-id')).toBe(cardIdBefore);
      expect(await observer.page.inputValue('[data-testid="feedback-worked-well"]')).toBe(WORKED_WELL);
      expect(await observer.page.inputValue(`[data-testid="feedback-example"][data-item="${first}"]`)).toBe(
        EXAMPLE,
      );
      expect(
        await observer.page.isChecked(
          `[data-testid="feedback-mark"][data-item="${second}"][data-mark="delvis"]`,
        ),
      ).toBe(true);
      expect(await observer.page.isChecked('[data-testid="feedback-tool"][data-tool="open_questions"]')).toBe(
        true,
      );
      console.info('[feedback] draft survived a reload');

      await card.mark(third, 'ikke_observert');
      await card.tryNext(TRY_NEXT);
      await observer.page.locator('[data-testid="feedback-card"]').screenshot({
        path: `${artifactsDir}/feedback-card-desktop.png`,
      });
      await screenshot(observer.page, 'feedback-breakout-desktop');
      a11y['card nb'] = await seriousA11yViolations(observer.page, axePath);
      await setLanguage(observer.page, 'en');
      a11y['card en'] = await seriousA11yViolations(observer.page, axePath);
      await setLanguage(observer.page, 'nb');

      // Into the feedback phase, then send: "sent" only after the ack; the console counts it.
      await console_.skipPhaseAll();
      await console_.skipPhaseAll();
      await eventually(async () => expect(await breakouts[observerAt]?.phase()).toBe('feedback'));
      const feedbackConsole = new FeedbackConsolePage(f.page);
      expect(await feedbackConsole.count(group.groupId)).toBe('0/1');
      await feedbackConsole.watchCount(group.groupId, '1/1');
      await watchFor(observer.page, '[data-testid="feedback-status"][data-state="sent"]', '__sentAt');
      await observer.page.evaluate(() => {
        document.querySelector('[data-testid="feedback-submit"]')?.addEventListener(
          'click',
          () => {
            (window as unknown as Record<string, number>).__clickAt = Date.now();
          },
          { capture: true, once: true },
        );
      });
      await card.submit();
      await observer.page.waitForSelector('[data-testid="feedback-status"][data-state="sent"]', {
        timeout: 10_000,
      });
      await eventually(async () => expect(await feedbackConsole.count(group.groupId)).toBe('1/1'), 5000);
      const sentAt = (await seenAt(observer.page, '__sentAt')) as number;
      const countAt = (await seenAt(f.page, '__countAt')) as number;
      const clickedAt = (await seenAt(observer.page, '__clickAt')) as number;
      console.info(
        `[feedback] click → sent ${sentAt - clickedAt} ms; click → console 1/1 ${countAt - clickedAt} ms; ` +
          `sent → console ${countAt - sentAt} ms`,
      );
      expect(countAt - sentAt).toBeLessThan(1000);
      expect(countAt - clickedAt).toBeLessThan(1000);

      // The facilitator opens the card and reads it.
      const consoleCard = f.page.locator('[data-testid="console-card"]').first();
      await consoleCard.locator('summary').click();
      await eventually(async () => expect(await consoleCard.textContent()).toContain(WORKED_WELL));

      // The guide reads it in the breakout (feedbackVisibleToGuide defaults to on submit).
      await eventually(async () => {
        expect(await guide.page.locator('[data-testid="feedback-received"]').count()).toBe(1);
        expect(await guide.page.locator('[data-testid="feedback-received"]').textContent()).toContain(
          PEOPLE[observerAt]?.[0],
        );
      });
      expect(await advisee.page.locator('[data-testid="feedback-received"]').count()).toBe(0);

      // The summary counts it, anonymously.
      await eventually(async () => {
        expect(await feedbackConsole.summaryItem(first)).toEqual({
          tydelig: 1,
          delvis: 0,
          ikke_observert: 0,
          unmarked: 0,
        });
        expect(await feedbackConsole.summaryItem(second)).toMatchObject({ delvis: 1 });
        expect(await feedbackConsole.summaryItem(third)).toMatchObject({ ikke_observert: 1 });
      });
      const summaryText =
        (await f.page.locator('[data-testid="feedback-summary"] table').textContent()) ?? '';
      for (const [name] of PEOPLE) expect(summaryText).not.toContain(name);
      await f.page.locator('[data-testid="feedback-console"]').screenshot({
        path: `${artifactsDir}/feedback-console-summary.png`,
      });
      a11y['console feedback nb'] = await seriousA11yViolations(f.page, axePath);

      // Shown in the plenary: every participant sees the summary and the chosen quote, no names.
      await feedbackConsole.presentWithQuotes([cardIdBefore as string]);
      for (const u of users) {
        const shown = u.page.locator('[data-testid="presented-summary"]');
        await shown.waitFor({ timeout: 10_000 });
        const text = (await shown.textContent()) ?? '';
        expect(text).toContain(WORKED_WELL);
        for (const [name] of PEOPLE) expect(text).not.toContain(name);
      }
      await screenshot(advisee.page, 'feedback-presented-participant');

      // CSV for the facilitator (cookie), with the card in it.
      const csvHref = await f.page.locator('[data-testid="csv-download"]').getAttribute('href');
      const csv = await f.page.request.get(csvHref as string);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain(WORKED_WELL);

      // The guide's print page lists it; it is print friendly.
      const print = await guide.context.newPage();
      await print.goto(`${links[guideAt]}/feedback`);
      await print.waitForSelector('[data-testid="print-card"]');
      expect(await print.locator('[data-testid="print-card"]').count()).toBe(1);
      expect(await print.locator('[data-testid="print-card"]').textContent()).toContain(TRY_NEXT);
      await print.emulateMedia({ media: 'print' });
      await screenshot(print, 'feedback-print');
      expect(await print.locator('.app-header').isVisible()).toBe(false);
      a11y['print page'] = await seriousA11yViolations(print, axePath);
      await print.close();

      // The card on a phone: still sent, and the big targets fit.
      await observer.page.setViewportSize({ width: 390, height: 844 });
      await observer.page.waitForTimeout(300);
      await observer.page.locator('[data-testid="feedback-card"]').scrollIntoViewIfNeeded();
      await observer.page.locator('[data-testid="feedback-card"]').screenshot({
        path: `${artifactsDir}/feedback-card-390x844.png`,
      });
      const target = await observer.page
        .locator(`[data-testid="feedback-mark"][data-item="${first}"][data-mark="tydelig"]`)
        .boundingBox();
      expect(target?.height ?? 0).toBeGreaterThanOrEqual(44);
      const overflow = await observer.page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      a11y['card phone'] = await seriousA11yViolations(observer.page, axePath);
      expect(await card.status()).toBe('sent');
    });

    console.info(`[feedback] axe: ${JSON.stringify(a11y)}`);
    for (const [where, violations] of Object.entries(a11y)) expect([where, violations]).toEqual([where, []]);
    expect([f, ...users].flatMap((u) => u.errors)).toEqual([]);
  });
});
