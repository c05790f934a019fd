/**
 * Invite emails through a real SMTP server on loopback (the `smtp-server` package): the mail
 * arrives with the personal link, and the link works.
 */
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DB_KINDS, signedInFacilitator, startTestApp, type TestApp } from './helpers/test-app.ts';

/** A loopback SMTP server that keeps every message it receives. */
async function startSmtp() {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      envelopes.push(session.envelope.rcptTo.map((r) => r.address));
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, received, envelopes, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Waits until `check` holds (the SMTP server parses asynchronously). */
async function until(check: () => boolean, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(DB_KINDS)('invite emails on %s', (kind) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let cookie: string;
  let roster: string;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(kind, {
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'Rundgang <rundgang@example.no>',
        PUBLIC_URL: 'https://rundgang.example',
      },
    });
    ({ cookie } = await signedInFacilitator(t));
    const made = await api(t, 'POST', '/api/webinars', { cookie, body: { title: 'Mentorprogram Vestfold' } });
    roster = `/api/series/${made.body.webinar.seriesId}/participants`;
    await api(t, 'POST', `${roster}/import`, {
      cookie,
      body: {
        text: 'Navn;E-post;Kommune\nÅse Brøndbo;ase@example.no;Færder\nOla Nordmann;;Horten\nSiri Hansen;siri@example.no;Tønsberg',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends each participant with an address their personal link, which works', async () => {
    const listed = (await api(t, 'GET', roster, { cookie })).body;
    expect(listed.mailConfigured).toBe(true);
    const res = await api(t, 'POST', `${roster}/invites`, { cookie, body: { language: 'nb' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sent: 2, withoutEmail: 1, failed: 0 });
    await until(() => smtp.received.length === 2);
    expect(smtp.envelopes.flat().sort()).toEqual(['ase@example.no', 'siri@example.no']);

    const ase = smtp.received.find((m) => m.text?.includes('Åse'));
    expect(ase?.subject).toBe('Invitasjon: Mentorprogram Vestfold');
    expect(ase?.from?.text).toContain('rundgang@example.no');
    const link = ase?.text?.match(/https:\/\/rundgang\.example\/join\/([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    const asePath = listed.participants.find((p: { name: string }) => p.name === 'Åse Brøndbo').invitePath;
    expect(`/join/${link?.[1]}`).toBe(asePath);
    // Following the link: the invite answers for Åse.
    const invite = await api(t, 'GET', `/api/invites/${link?.[1]}`);
    expect(invite.status).toBe(200);
    expect(invite.body.participant.name).toBe('Åse Brøndbo');
  });

  it('writes in English on request, and only to the chosen participants', async () => {
    const before = smtp.received.length;
    const listed = (await api(t, 'GET', roster, { cookie })).body.participants;
    const siri = listed.find((p: { name: string }) => p.name === 'Siri Hansen');
    const res = await api(t, 'POST', `${roster}/invites`, {
      cookie,
      body: { language: 'en', participantIds: [siri.id] },
    });
    expect(res.body).toEqual({ sent: 1, withoutEmail: 0, failed: 0 });
    await until(() => smtp.received.length === before + 1);
    const mail = smtp.received.at(-1);
    expect(mail?.subject).toBe('Invitation: Mentorprogram Vestfold');
    expect(mail?.text).toContain(`https://rundgang.example${siri.invitePath}`);
  });

  it('keeps sending to the series’ facilitators', async () => {
    const other = await signedInFacilitator(t);
    expect((await api(t, 'POST', `${roster}/invites`, { cookie: other.cookie, body: {} })).status).toBe(404);
  });
});

describe('invite emails without SMTP_URL', () => {
  it('says mail is not configured and sends nothing', async () => {
    const t = await startTestApp('pglite');
    try {
      const { cookie } = await signedInFacilitator(t);
      const made = await api(t, 'POST', '/api/webinars', { cookie, body: { title: 'Uten e-post' } });
      const roster = `/api/series/${made.body.webinar.seriesId}/participants`;
      expect((await api(t, 'GET', roster, { cookie })).body.mailConfigured).toBe(false);
      const res = await api(t, 'POST', `${roster}/invites`, { cookie, body: {} });
      expect(res.status).toBe(409);
    } finally {
      await t.close();
    }
  });
});
