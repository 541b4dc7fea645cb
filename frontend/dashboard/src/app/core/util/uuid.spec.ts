import { randomUuid } from './uuid';

const V4 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUuid', () => {
  it('uses crypto.randomUUID when available', () => {
    expect(
      randomUuid({ getRandomValues: (a) => a, randomUUID: () => '1-2-3-4-5' }),
    ).toBe('1-2-3-4-5');
  });

  it('builds a v4 UUID from random bytes outside secure contexts', () => {
    const id = randomUuid({
      getRandomValues: <T extends ArrayBufferView | null>(array: T): T => {
        if (array instanceof Uint8Array) {
          array.fill(0xff);
        }
        return array;
      },
    });
    expect(id).toMatch(V4);
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
