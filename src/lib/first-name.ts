/**
 * The least of a name that lets a volunteer greet a guest: its first word, at most
 * 30 characters. What door phones keep offline, and what the door page shows.
 * @example firstName("Maria Goreti Bili") // "Maria"
 */
export function firstName(name: string | null | undefined): string {
  return (name ?? "").trim().split(/\s+/)[0]!.slice(0, 30);
}
