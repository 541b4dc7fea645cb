import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp, { type Options } from 'pino-http';
import { loadConfig } from '../config/app-config';
import { loggerParams, redactUrl } from './logging';

describe('request logging', () => {
  let server: Server;
  let url: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const options = loggerParams(loadConfig({ LOG_LEVEL: 'log' }))
      .pinoHttp as Options;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const log = pinoHttp(options, sink);
    server = createServer((req, res) => {
      log(req, res);
      // What the AuthGuard does for an authenticated request.
      if (req.headers.authorization)
        Object.assign(req, { user: { id: 42, role: 'planner' } });
      res.setHeader('set-cookie', 'shelfcast_refresh=secret-refresh; HttpOnly');
      res.end('ok');
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const lastLine = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return lines[lines.length - 1];
  };

  it('honours and returns X-Request-Id, and logs the user id, as one JSON line', async () => {
    const res = await fetch(`${url}/api/stores`, {
      headers: { 'x-request-id': 'abc-123', authorization: 'Bearer xyz' },
    });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const line = await lastLine();
    expect(line).toMatchObject({
      level: 30,
      userId: 42,
      req: { id: 'abc-123', method: 'GET', url: '/api/stores' },
      res: { statusCode: 200 },
    });
  });

  it('makes up an id when the caller sends none or a suspicious one', async () => {
    const res = await fetch(`${url}/api/x`, {
      headers: { 'x-request-id': 'bad id {"level":60}' },
    });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await lastLine())['userId']).toBeUndefined();
    const none = await fetch(`${url}/api/x`);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers.get('x-request-id')).not.toBe(id);
  });

  it('never logs tokens, cookies, tickets or passwords', async () => {
    await fetch(`${url}/api/imports/events?ticket=tkt-secret&x=1`, {
      headers: {
        authorization: 'Bearer jwt-secret',
        cookie: 'shelfcast_refresh=cookie-secret',
      },
    });
    const text = JSON.stringify(await lastLine());
    for (const secret of [
      'tkt-secret',
      'jwt-secret',
      'cookie-secret',
      'secret-refresh',
    ])
      expect(text).not.toContain(secret);
    expect(text).toContain('/api/imports/events?ticket=[Redacted]&x=1');
  });

  it('redacts credential query parameters in URLs', () => {
    expect(redactUrl('/a?access_token=x&ticket=y&b=2#f')).toBe(
      '/a?access_token=[Redacted]&ticket=[Redacted]&b=2#f',
    );
    expect(redactUrl('/a?notaticket=1')).toBe('/a?notaticket=1');
  });
});
