/**
 * Sends email through the SMTP server in `SMTP_URL` (nodemailer). Failures are reported by
 * count and SMTP code only: an error message can carry the recipient's address, and neither
 * addresses nor invite links belong in logs.
 */
import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage } from './invite-mail.ts';

/** What a batch of sends did. */
export interface SendResult {
  sent: number;
  /** SMTP or socket codes of the failures (e.g. `EENVELOPE`, `ECONNECTION`), no addresses. */
  failures: string[];
}

/** Sends mail; one per process, its SMTP connections pooled. */
export class Mailer {
  readonly #transport: Transporter;

  constructor(
    smtpUrl: string,
    readonly from: string,
  ) {
    // A URL with `?pool=true` pools connections; the plain URL opens one per batch item.
    this.#transport = createTransport(smtpUrl);
  }

  /** Sends each message, one after another; a failed one does not stop the others. */
  async sendAll(messages: readonly MailMessage[]): Promise<SendResult> {
    const result: SendResult = { sent: 0, failures: [] };
    for (const message of messages) {
      try {
        await this.#transport.sendMail({ from: this.from, ...message });
        result.sent++;
      } catch (err) {
        const { code, responseCode } = (err ?? {}) as { code?: string; responseCode?: number };
        result.failures.push(String(responseCode ?? code ?? 'unknown'));
      }
    }
    return result;
  }

  /** Closes pooled connections. */
  close(): void {
    this.#transport.close();
  }
}
