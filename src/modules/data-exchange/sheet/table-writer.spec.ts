import { PassThrough } from 'node:stream';
import { drained } from './table-writer.js';

describe('drained (export backpressure)', () => {
  it('leaves no listeners behind however many times a download waits for the reader', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const base = { close: out.listenerCount('close'), error: out.listenerCount('error'), drain: out.listenerCount('drain') };
    for (let i = 0; i < 50; i++) {
      out.write('x'.repeat(64)); // over the high-water mark: the writer must wait
      const waiting = drained(out);
      out.read(); // the reader takes it; 'drain' follows
      expect(await waiting).toBe(true);
    }
    expect({ close: out.listenerCount('close'), error: out.listenerCount('error'), drain: out.listenerCount('drain') }).toEqual(base);
  });

  it('lets other requests run between chunks even when the reader never needs a drain', async () => {
    const out = new PassThrough();
    let otherRequestRan = false;
    setImmediate(() => {
      otherRequestRan = true;
    });
    expect(await drained(out)).toBe(true);
    expect(otherRequestRan).toBe(true);
  });

  it('answers false when the download is closed while waiting', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    out.write('x'.repeat(64));
    const waiting = drained(out);
    out.destroy();
    expect(await waiting).toBe(false);
  });
});
