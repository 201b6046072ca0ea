/**
 * What the command-line tools print for the person running them: results on standard output, problems on
 * standard error. This is the tools' interface, not logging (the server logs through pino).
 */
export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function printError(line: string): void {
  process.stderr.write(`${line}\n`);
}
