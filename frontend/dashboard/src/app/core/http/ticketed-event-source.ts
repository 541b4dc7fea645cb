import type { HttpClient } from '@angular/common/http';
import type { SseTicket } from '@shelfcast/contracts';
import type { Subscription } from 'rxjs';

/** The part of EventSource the dashboard uses. */
export interface EventStream {
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  readonly readyState: number;
  close(): void;
}

const CLOSED = 2;
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

/**
 * A Server-Sent Events stream of the API. EventSource cannot send an Authorization header, and
 * an access token in the URL would end up in proxy logs and browser history; so every connection
 * first POSTs (through the interceptors: bearer token, refresh on 401) for a one-time ticket and
 * opens `url?ticket=…`. A ticket works once: when the browser's own reconnect is refused (the
 * stream is then CLOSED), a new ticket is fetched and the stream reopened, backing off up to 30 s.
 */
export class TicketedEventSource {
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  private stream: EventStream | null = null;
  private request: Subscription | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = FIRST_RETRY_MS;
  private closed = false;

  constructor(
    private readonly http: HttpClient,
    private readonly url: string,
    private readonly open: (url: string) => EventStream = (u) =>
      new EventSource(u),
  ) {
    this.connect();
  }

  close(): void {
    this.closed = true;
    this.request?.unsubscribe();
    if (this.timer !== null) clearTimeout(this.timer);
    this.stream?.close();
    this.stream = null;
  }

  private connect(): void {
    this.timer = null;
    this.request = this.http
      .post<SseTicket>('/api/auth/sse-ticket', {})
      .subscribe({
        next: ({ ticket }) => this.openWith(ticket),
        error: () => {
          this.onerror?.(new Event('error'));
          this.retry();
        },
      });
  }

  private openWith(ticket: string): void {
    if (this.closed) return;
    const separator = this.url.includes('?') ? '&' : '?';
    const stream = this.open(
      `${this.url}${separator}ticket=${encodeURIComponent(ticket)}`,
    );
    this.stream = stream;
    stream.onmessage = (event) => {
      this.retryMs = FIRST_RETRY_MS;
      this.onmessage?.(event);
    };
    stream.onerror = (event) => {
      this.onerror?.(event);
      if (stream.readyState === CLOSED && this.stream === stream) {
        stream.close();
        this.stream = null;
        this.retry();
      }
    };
  }

  private retry(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }
}
