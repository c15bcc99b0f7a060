/** Prints `lifeboat <command>: error: <message>` to standard error and exits (1 failure, 2 bad usage). */
export function fail(command: string, message: string, code: 1 | 2): never {
  process.stderr.write(`lifeboat ${command}: error: ${message}\n`);
  process.exit(code);
}
