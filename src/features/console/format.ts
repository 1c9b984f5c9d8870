/** `45%` of a whole, or an empty string when there is no whole. */
export const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "");
