/**
 * The one way this code writes logs. Error messages and stacks can quote
 * personal data (names, phones in SQL text), so only the error's kind and
 * the place it happened are written.
 */
export function logError(msg: string, err: unknown, where?: string): void {
  const name = err instanceof Error ? err.name : typeof err;
  console.error(JSON.stringify({ level: "error", msg, name, where }));
}
