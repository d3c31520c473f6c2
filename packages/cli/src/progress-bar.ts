/**
 * A one-line progress bar on stderr for long work on a terminal (e.g. importing 50,000 cards).
 * Redrawn at most every 100 ms; off the terminal it stays silent, so scripts get clean output.
 */
export function createProgressBar(write: (text: string) => void, enabled: boolean, unit: string) {
  let lastDraw = 0;
  const draw = (done: number, total: number) => {
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const count = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit}`;
    write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}`);
  };
  return {
    update(done: number, total: number, now = Date.now()) {
      if (!enabled || (now - lastDraw < 100 && done < total)) return;
      lastDraw = now;
      draw(done, total);
    },
    finish(done: number, total: number) {
      if (!enabled) return;
      draw(done, total);
      write('\n');
    },
  };
}
