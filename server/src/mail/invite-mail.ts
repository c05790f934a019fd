/**
 * The invite email a participant gets: who invites them, to which series, and their personal
 * link, in bokmål or English. Plain text only — it must read well in every mail client and be
 * easy to forward to a colleague who helps with the technology.
 */
import type { TextLanguage } from '@rundgang/shared';

/** What an invite email says. */
export interface InviteMailInput {
  participantName: string;
  seriesTitle: string;
  /** The webinars of the series, in order: their titles (and dates once series have them). */
  webinars: readonly { title: string; when?: string | undefined }[];
  link: string;
  facilitatorName: string;
  language: TextLanguage;
}

/** An email ready to send. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

const TEXTS = {
  nb: {
    subject: (series: string) => `Invitasjon: ${series}`,
    greeting: (name: string) => `Hei ${name}!`,
    intro: (facilitator: string, series: string) =>
      `${facilitator} inviterer deg til webinarserien «${series}» i Rundgang.`,
    webinars: 'Samlingene:',
    link: 'Din personlige lenke (den samme til alle samlingene):',
    keep: 'Lenken er bare til deg – ikke del den. Åpne den i Chrome, Edge, Firefox eller Safari på PC, nettbrett eller mobil. Der ser du også neste samling og dine egne tilbakemeldinger.',
    bye: 'Vel møtt!',
  },
  en: {
    subject: (series: string) => `Invitation: ${series}`,
    greeting: (name: string) => `Hello ${name},`,
    intro: (facilitator: string, series: string) =>
      `${facilitator} invites you to the webinar series "${series}" in Rundgang.`,
    webinars: 'The sessions:',
    link: 'Your personal link (the same for every session):',
    keep: 'The link is yours alone – please do not share it. Open it in Chrome, Edge, Firefox or Safari on a computer, tablet or phone. It also shows the next session and your own feedback.',
    bye: 'See you there!',
  },
} as const;

/** The invite email to one participant. */
export function inviteMail(to: string, input: InviteMailInput): MailMessage {
  const t = TEXTS[input.language];
  const webinars = input.webinars.map((w) => `  • ${w.title}${w.when ? ` – ${w.when}` : ''}`);
  const text = [
    t.greeting(input.participantName),
    '',
    t.intro(input.facilitatorName, input.seriesTitle),
    ...(webinars.length ? ['', t.webinars, ...webinars] : []),
    '',
    t.link,
    input.link,
    '',
    t.keep,
    '',
    t.bye,
    input.facilitatorName,
  ].join('\n');
  return { to, subject: t.subject(input.seriesTitle), text };
}
