/** How the counts read after the bar: `1200/5000` by default. */
export type ProgressFormat = (done: number, total: number) => string;

/** Counts in bytes, as `3.2/22.7 MiB`. */
export const inMebibytes: ProgressFormat = (done, total) =>
  `${(done / 2 ** 20).toFixed(1)}/${(total / 2 ** 20).toFixed(1)} MiB`;

/** A one-line progress bar on standard error when it is a terminal; silent otherwise (CI, pipes, files). */
export function createProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  format: ProgressFormat = (done, total) => `${done}/${total}`,
) {
  const enabled = stream.isTTY === true;
  let lastDrawn = 0;
  return {
    update(done: number, total: number): void {
      if (!enabled || total === 0) return;
      const now = Date.now();
      if (done < total && now - lastDrawn < 100) return;
      lastDrawn = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const percent = Math.floor((done / total) * 100);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${format(done, total)}`,
      );
    },
    done(): void {
      if (enabled && lastDrawn > 0) stream.write('\r\x1b[2K');
    },
  };
}
