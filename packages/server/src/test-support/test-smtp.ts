import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 for tests: it keeps every message it receives, raw, and can be stopped and
 * started again on the same port (to prove mail waits through an outage).
 */
export class TestSmtp {
  received: string[] = [];
  port = 0;
  private server?: SMTPServer;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push(Buffer.concat(chunks).toString('utf8'));
          done();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = undefined;
  }

  /** The messages Pledge sent for one mail id (its X-Pledge-Mail-Id header). */
  withMailId(id: string): string[] {
    return this.received.filter((m) => new RegExp(`^X-Pledge-Mail-Id: ${id}`, 'mi').test(m));
  }

  /** Messages to `to` whose subject contains `subject`, with quoted-printable soft breaks and escapes decoded. */
  find(to: string, subject: string): string[] {
    const escaped = to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.received
      .filter((m) => new RegExp(`^To: .*${escaped}`, 'mi').test(m) && m.includes(subject))
      .map((m) => Buffer.from(m.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
  }
}
