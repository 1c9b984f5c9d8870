/**
 * The one way this code writes logs. Error messages and stacks can quote
 * personal data (names, phones in SQL text), so a line holds only fields that
 * cannot: the error's kind, the route pattern it happened on (`/t/:code`, never
 * the path with its code), the name of a setting (never its value).
 */
type LogLine = { level: "error"; msg: string; name?: string; where?: string; setting?: string; problem?: string };

function write(line: LogLine): void {
  console.error(JSON.stringify(line));
}

/** An unexpected error: its kind and place only. */
export function logError(msg: string, err: unknown, where?: string): void {
  const name = err instanceof Error ? err.name : typeof err;
  write({ level: "error", msg, name, where });
}

/** A setting the Worker refuses to run without: its name and what is wrong, never its value. */
export function logSettingRefused(setting: string, problem: "missing" | "too short" | "unreachable" | "invalid"): void {
  write({ level: "error", msg: "setting refused", setting, problem });
}

/** A D1 call tried again after a transient fault (its place only): operators count these per minute (README › When the database stumbles). */
export function logRetry(where: string): void {
  write({ level: "error", msg: "d1 retry", where });
}
