/**
 * A feature's messages in both languages; the type check makes English carry
 * every Indonesian key.
 * @example export const leads = defineMessages({ id: { "leads.title": "Prospek" }, en: { "leads.title": "Leads" } });
 */
export function defineMessages<const T extends Record<string, string>>(m: { id: T; en: Record<keyof T, string> }) {
  return m;
}
