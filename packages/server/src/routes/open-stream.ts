/** A live event stream opened over a real socket, read to its end. */
export interface OpenStream {
  /** Whether the server ended the stream within `timeoutMs`. */
  ended(timeoutMs: number): Promise<boolean>;
  /** The type of the next event (comments skipped), or undefined if none came within `timeoutMs`. */
  nextEvent(timeoutMs: number): Promise<string | undefined>;
  close(): void;
}

/** Opens `GET /api/events` with fetch; throws unless it answers 200. */
export async function openStream(url: string, headers: Record<string, string>): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`the event stream answered ${response.status}: ${await response.text()}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let done = false;
  const types: string[] = [];
  let reading: Promise<void> | undefined;
  const readMore = () => {
    reading ??= reader.read().then(
      (result) => {
        reading = undefined;
        if (result.done) done = true;
        else buffer += result.value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const type = /^event: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          if (type) types.push(type);
          buffer = buffer.slice(end + 2);
        }
      },
      () => {
        reading = undefined;
        done = true; // aborted by close(): the stream is over for this reader
      },
    );
    return reading;
  };
  const until = async (ready: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!ready() && !done && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadline - Date.now());
      });
      await Promise.race([readMore(), timeout]);
      clearTimeout(timer);
    }
  };
  return {
    async ended(timeoutMs) {
      await until(() => done, timeoutMs);
      return done;
    },
    async nextEvent(timeoutMs) {
      await until(() => types.length > 0, timeoutMs);
      return types.shift();
    },
    close: () => controller.abort(),
  };
}
