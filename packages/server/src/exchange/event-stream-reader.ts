/** A server-sent event as read off the wire: its type and its JSON data. */
export interface ReadEvent {
  type: string;
  data: unknown;
}

export interface EventStream {
  response: Response;
  /** The next event (comments skipped); undefined if none arrives within `timeoutMs`. */
  next(timeoutMs?: number): Promise<ReadEvent | undefined>;
  close(): void;
}

/** Opens `GET /api/events` with fetch over a real socket and reads events as they arrive. */
export async function openEventStream(url: string, cookie: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', cookie },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`the event stream answered ${response.status}: ${await response.text()}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: ReadEvent[] = [];
  let pending: ReturnType<typeof reader.read> | undefined;

  const takeEvents = () => {
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (type !== undefined && data !== undefined) events.push({ type, data: JSON.parse(data) });
    }
  };

  return {
    response,
    async next(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        if (!pending) {
          pending = reader.read();
          // Closing aborts the read: that rejection is expected, not an error of the test.
          pending.catch(() => undefined);
        }
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), left);
        });
        const result = await Promise.race([pending, timeout]);
        clearTimeout(timer);
        if (result === 'timeout') return undefined;
        pending = undefined;
        if (result.done) return undefined;
        buffer += result.value;
        takeEvents();
      }
      return events.shift();
    },
    close: () => controller.abort(),
  };
}
