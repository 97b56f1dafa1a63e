// Small wording helpers for messages shown to learners: inline code that survives any text, shortening.

export function shorten(text: string, max = 60): string {
  const oneLine = text.replace(/\r?\n/g, "⏎");
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * Markdown inline code for any text: a value or line may itself contain backticks, so the fence is one
 * backtick longer than the longest run inside. Always one line, shortened to `max` characters.
 */
export function code(text: string, max = 60): string {
  const shown = shorten(text, max);
  const longestRun = Math.max(0, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = longestRun > 0 || shown.startsWith(" ") || shown.endsWith(" ") ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "line 4" or "line 4 (`text`)". */
export function lineRef(line: number, text: string | null): string {
  return text ? `line ${line} (${code(text)})` : `line ${line}`;
}
