/**
 * The series as the unit: a facilitator plans three webinars, adds two people by hand, opens
 * webinar 1; both join with their personal links and appear in the console; the facilitator ends
 * the webinar, both land on the closing page, and the attendance export lists them; a re-issued
 * link replaces the old one, which then opens a clear "no longer valid" page.
 * Screenshots: the series page and a participant's own page, on a desktop and a 390×844 phone.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newUser, screenshot, withFailureScreenshots } from '../fixtures/browser.ts';
import { FacilitatorPage, ParticipantPage, seriousA11yViolations } from '../fixtures/pages.ts';
import { useStage } from '../fixtures/stage.ts';
import { eventually } from '../fixtures/wait.ts';

const tid = (id: string) => `[data-testid="${id}"]`;
const PHONE = { width: 390, height: 844 };
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Screenshots a page at desktop size and at phone size, then restores the viewport. */
async function desktopAndPhone(page: Page, name: string) {
  const before = page.viewportSize();
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `${name}-phone`);
  // Nothing sticks out sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  if (before) await page.setViewportSize(before);
}

describe('a series of three webinars', () => {
  const stage = useStage();

  it('plans a series, runs webinar 1 with two participants, ends it, and exports attendance', async () => {
    const { app, browser } = stage;
    const f = await newUser(browser, app.url, { width: 1440, height: 900 });
    const ada = await newUser(browser, app.url);
    const bo = await newUser(browser, app.url);
    const pages = { facilitator: f.page, ada: ada.page, bo: bo.page };
    await withFailureScreenshots(pages, async () => {
      const facilitator = new FacilitatorPage(f.page);
      await facilitator.setUpFirstAccount(app.setupLink);
      await facilitator.createSeries('Mentorutdanning Vestfold 2027', 3);
      const rows = f.page.locator(tid('series-webinar'));
      expect(await rows.count()).toBe(3);
      expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual([
        'planned',
        'planned',
        'planned',
      ]);

      const adaLink = await facilitator.addParticipant('Ada Lovelace', 'Horten');
      const boLink = await facilitator.addParticipant('Bo Bakke', 'Tønsberg');
      expect(adaLink).toMatch(new RegExp(`^${app.url}/join/[A-Za-z0-9_-]{32}$`));

      // Before the webinar opens, the personal page shows the series and says it is not open yet.
      await ada.page.goto(adaLink);
      await ada.page.waitForSelector(tid('invite-not-open'));
      expect(await ada.page.textContent(tid('invite-series-title'))).toBe('Mentorutdanning Vestfold 2027');
      expect(await ada.page.locator(`${tid('invite-schedule')} li`).count()).toBe(3);
      expect(await ada.page.getAttribute(tid('my-data-export'), 'href')).toMatch(
        /^\/api\/invites\/.+\/export$/,
      );
      expect(await seriousA11yViolations(ada.page, axePath)).toEqual([]);
      await desktopAndPhone(ada.page, 'series-participant-home');

      // Open webinar 1 from the series page and enter its console.
      await rows.first().locator(tid('series-open-webinar')).click();
      await f.page.waitForSelector(`${tid('series-webinar')}[data-status="live"]`);
      expect(await seriousA11yViolations(f.page, axePath)).toEqual([]);
      await desktopAndPhone(f.page, 'series-page');
      await rows.first().locator(tid('series-enter-room')).click();
      await f.page.waitForSelector(`${tid('prejoin-join')}:not([disabled])`);
      await f.page.click(tid('prejoin-join'));
      await f.page.waitForSelector(tid('room-title'));

      // Both join with their own links and appear in the console's plenary.
      await new ParticipantPage(ada.page).join(adaLink);
      await new ParticipantPage(bo.page).join(boLink);
      await eventually(async () => {
        const present = await f.page.$$eval(`${tid('participant-tile')}[data-local="false"]`, (els) =>
          els.map((e) => e.textContent ?? ''),
        );
        expect(present.join('|')).toContain('Ada Lovelace');
        expect(present.join('|')).toContain('Bo Bakke');
      }, 30_000);

      // End the webinar from the console header, with the confirmation.
      await f.page.click(tid('end-webinar'));
      await f.page.click(tid('confirm-end-webinar'));
      await ada.page.waitForSelector(tid('closing-page'), { timeout: 20_000 });
      await bo.page.waitForSelector(tid('closing-page'), { timeout: 20_000 });
      await f.page.waitForSelector(tid('closing-page'), { timeout: 20_000 });
      await screenshot(ada.page, 'series-closing-participant');

      // The same link now leads to the personal page with webinar 2 as the next one.
      await ada.page.click(tid('closing-home'));
      await ada.page.waitForSelector(tid('invite-not-open'));
      expect(await ada.page.textContent(tid('invite-webinar-title'))).toContain('Samling 2');

      // Back on the series page: webinar 1 ended, attendance counts both, the CSV lists both.
      await f.page.click(tid('closing-series'));
      await f.page.waitForSelector(`${tid('series-webinar')}[data-status="ended"]`);
      await eventually(async () => {
        const first = f.page.locator(tid('attendance-count')).first();
        expect(await first.textContent()).toBe('2 av 2');
      });
      const href = (await f.page.getAttribute(tid('attendance-csv'), 'href')) ?? '';
      const csv = await f.page.evaluate(async (url) => (await fetch(url)).text(), href);
      const lines = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toMatch(/^"Navn";"Kommune";"Arbeidssted";"Samling 1 /);
      expect(lines.slice(1).map((l) => l.split(';').slice(0, 2).join(';'))).toEqual([
        '"Ada Lovelace";"Horten"',
        '"Bo Bakke";"Tønsberg"',
      ]);
      await desktopAndPhone(f.page, 'series-page-after');

      // A new link for Bo: the old one opens a clear page instead of the series.
      const boRow = f.page.locator(tid('participant-row'), { hasText: 'Bo Bakke' });
      await boRow.locator(tid('reissue-link')).click();
      await boRow.locator(tid('confirm-reissue-link')).click();
      await eventually(async () => {
        const link = (await boRow.locator(tid('invite-link')).textContent())?.trim();
        expect(link).not.toBe(boLink);
      });
      await bo.page.goto(boLink);
      await bo.page.waitForSelector(tid('invite-invalid'));
      await screenshot(bo.page, 'series-link-no-longer-valid');
      const newLink = (await boRow.locator(tid('invite-link')).textContent())?.trim() ?? '';
      await bo.page.goto(newLink);
      await bo.page.waitForSelector(tid('participant-home'));

      // The facilitator's home lists the series with webinar 2 as the next one.
      await f.page.goto('/facilitator');
      await f.page.waitForSelector(tid('series-list'));
      expect(await f.page.textContent(tid('series-next'))).toContain('Samling 2');
      await desktopAndPhone(f.page, 'series-home');
    });
    expect([...f.errors, ...ada.errors, ...bo.errors]).toEqual([]);
  });
});
