import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

/** Alert e-mail over the configured SMTP server (nodemailer); off when SMTP_HOST is unset. */
@Injectable()
export class AlertMailer implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.alerts.smtp !== null;
  }

  /** Sends one message; resolves with the server's reply code, rejects on refusal. */
  async send(to: string, subject: string, text: string): Promise<number> {
    const smtp = this.config.alerts.smtp;
    if (!smtp) throw new Error('SMTP is not configured');
    this.transport ??= createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth:
        smtp.user && smtp.password
          ? { user: smtp.user, pass: smtp.password }
          : undefined,
    });
    const info = (await this.transport.sendMail({
      from: smtp.from,
      to,
      subject,
      text,
    })) as { response?: string };
    return Number(/^(\d{3})/.exec(info.response ?? '')?.[1] ?? 250);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }
}
