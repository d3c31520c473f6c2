/** The CLI's configuration, read once from the environment at start (STYLE.md: one config). */
export interface CliConfig {
  /** Colour on a terminal unless NO_COLOR is set (https://no-color.org), or FORCE_COLOR forces it. */
  color: boolean;
}

export function readConfig(
  env: Readonly<Record<string, string | undefined>>,
  stdoutIsTty: boolean,
): CliConfig {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0';
  return Object.freeze({ color: forceColor || (stdoutIsTty && !noColor) });
}
