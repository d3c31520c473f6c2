import { type AddressInfo, connect } from 'node:net';
import { createTestApp } from '../packages/server/src/testing/test-app.ts';

export interface UnreadUploadFigures {
  /** Median ms from the first byte sent to the answer's status line, over `samples` uploads. */
  refuseMedianMs: number;
  /** Median ms of a small signed-in request (GET /api/settings) over the same loopback. */
  smallRequestMedianMs: number;
  samples: number;
  /** Resident memory growth over all the refused uploads, in MB. */
  rssGrowthMb: number;
}

const FIVE_MB = 5 * 1024 * 1024;
const SAMPLES = 30;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** One unauthenticated 5 MB upload to the import, written as fast as the socket takes it. */
function refusedUpload(port: number, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let started = 0;
    socket.on('error', () => {}); // the server ends the connection while the client still writes
    socket.once('data', (chunk: Buffer) => {
      const elapsed = performance.now() - started;
      socket.destroy();
      if (!chunk.toString('latin1').startsWith('HTTP/1.1 401')) reject(new Error('not refused with 401'));
      else resolve(elapsed);
    });
    socket.on('connect', () => {
      started = performance.now();
      socket.write(
        `POST /api/people/import HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: text/vcard\r\ncontent-length: ${FIVE_MB}\r\n\r\n`,
      );
      socket.write(body);
    });
  });
}

/** Unauthenticated 5 MB uploads to the import route over loopback, beside a small signed-in request. */
export async function measureUnreadUpload(): Promise<UnreadUploadFigures> {
  const test = await createTestApp();
  try {
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = test.app.server.address() as AddressInfo;
    const body = Buffer.alloc(FIVE_MB, 0x41);
    const small: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/settings`, {
        headers: { cookie: test.cookie },
      });
      await response.arrayBuffer();
      small.push(performance.now() - started);
    }
    await refusedUpload(port, body); // warm up
    const rssBefore = process.memoryUsage().rss;
    const refused: number[] = [];
    for (let i = 0; i < SAMPLES; i++) refused.push(await refusedUpload(port, body));
    return {
      refuseMedianMs: median(refused),
      smallRequestMedianMs: median(small),
      samples: SAMPLES,
      rssGrowthMb: Math.max(0, Math.round((process.memoryUsage().rss - rssBefore) / 1024 / 1024)),
    };
  } finally {
    await test.close();
  }
}
