import { HttpClient, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type EventStream, TicketedEventSource } from './ticketed-event-source';

class FakeStream implements EventStream {
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readyState = 1;
  closed = false;
  constructor(readonly url: string) {}
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
}

describe('TicketedEventSource', () => {
  let http: HttpTestingController;
  let streams: FakeStream[];
  let source: TicketedEventSource;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    streams = [];
    source = new TicketedEventSource(
      TestBed.inject(HttpClient),
      '/api/imports/events',
      (url) => {
        const stream = new FakeStream(url);
        streams.push(stream);
        return stream;
      },
    );
  });

  afterEach(() => {
    source.close();
    http.verify();
    jest.useRealTimers();
  });

  const issue = (ticket: string) => {
    const req = http.expectOne('/api/auth/sse-ticket');
    expect(req.request.method).toBe('POST');
    req.flush({ ticket, expiresAt: '2026-12-07T00:00:30Z' });
  };

  it('opens the stream with a one-time ticket, never an access token', () => {
    issue('t/1');
    expect(streams.map((s) => s.url)).toEqual([
      '/api/imports/events?ticket=t%2F1',
    ]);
    const seen: string[] = [];
    source.onmessage = (e) => seen.push(e.data);
    streams[0].onmessage?.(new MessageEvent('message', { data: '{"a":1}' }));
    expect(seen).toEqual(['{"a":1}']);
  });

  it('fetches a new ticket when the browser gives up reconnecting with the used one', () => {
    issue('t1');
    streams[0].readyState = 2;
    streams[0].onerror?.(new Event('error'));
    expect(streams[0].closed).toBe(true);
    http.expectNone('/api/auth/sse-ticket');
    jest.advanceTimersByTime(1_000);
    issue('t2');
    expect(streams[1].url).toBe('/api/imports/events?ticket=t2');
  });

  it('keeps the stream while the browser reconnects by itself', () => {
    issue('t1');
    streams[0].readyState = 0;
    streams[0].onerror?.(new Event('error'));
    jest.advanceTimersByTime(60_000);
    http.expectNone('/api/auth/sse-ticket');
    expect(streams[0].closed).toBe(false);
  });

  it('retries a refused ticket request and stops everything on close', () => {
    http
      .expectOne('/api/auth/sse-ticket')
      .flush({}, { status: 503, statusText: 'Unavailable' });
    jest.advanceTimersByTime(1_000);
    issue('t2');
    source.close();
    expect(streams[0].closed).toBe(true);
    jest.advanceTimersByTime(60_000);
    http.expectNone('/api/auth/sse-ticket');
  });
});
