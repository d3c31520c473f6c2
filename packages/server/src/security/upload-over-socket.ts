import { connect } from 'node:net';

export interface UploadRequest {
  method: string;
  path: string;
  contentType: string;
  /** The Content-Length announced; undefined sends the body chunked, with no length. */
  length: number | undefined;
  headers?: Record<string, string>;
}

export interface SentUpload {
  /** The status of the answer, if one came before the client gave up. */
  status: number | undefined;
  body: string;
  /** Body bytes the client had written when the answer came (or when it gave up). */
  bytesSent: number;
  /** Whether the server ended the connection after answering. */
  closed: boolean;
  localPort: number;
}

const FIRST_PART = 64 * 1024;
/** Generous: a refusal takes milliseconds; a server waiting for the body never answers at all. */
const WAIT_FOR_ANSWER_MS = 3_000;
const WAIT_FOR_CLOSE_MS = 300;

/**
 * Sends the head of an upload and its first 64 KiB over a real socket, then waits for the answer
 * without sending more: a server that reads the body before deciding never answers. After the
 * answer, waits a moment to see whether the server ends the connection.
 */
export function sendUpload(origin: string, request: UploadRequest): Promise<SentUpload> {
  const [host, port] = origin.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host: host ?? '127.0.0.1', port: Number(port) });
    let received = '';
    let bytesSent = 0;
    let closed = false;
    let answeredAt: number | undefined;
    const finish = () => {
      clearTimeout(giveUp);
      const [head = '', body = ''] = received.split('\r\n\r\n', 2);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      resolve({
        status: status === undefined ? undefined : Number(status),
        body,
        bytesSent,
        closed,
        localPort: socket.localPort ?? 0,
      });
      socket.destroy();
    };
    const giveUp = setTimeout(finish, WAIT_FOR_ANSWER_MS);
    socket.on('error', () => {
      closed = true; // a reset while the client writes: the server ended the connection
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (answeredAt === undefined && received.includes('\r\n\r\n')) {
        answeredAt = Date.now();
        clearTimeout(giveUp);
        setTimeout(finish, WAIT_FOR_CLOSE_MS);
      }
    });
    socket.on('connect', () => {
      const head = [
        `${request.method} ${request.path} HTTP/1.1`,
        `host: ${origin}`,
        `content-type: ${request.contentType}`,
        request.length === undefined ? 'transfer-encoding: chunked' : `content-length: ${request.length}`,
        ...Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
        '',
        '',
      ].join('\r\n');
      const part = Buffer.alloc(FIRST_PART, 0x20);
      socket.write(head);
      socket.write(request.length === undefined ? `${part.length.toString(16)}\r\n` : '');
      socket.write(part);
      bytesSent = part.length;
    });
  });
}
