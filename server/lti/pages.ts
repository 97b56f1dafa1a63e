// The few HTML pages LTI needs outside the web client, because they answer form posts from the platform inside its
// iframe: a refusal (what happened, what to do), the deep linking picker, and the auto-submitting form that carries
// a signed message back to the platform. Every value is escaped; the pages work with the keyboard and a screen
// reader (a main landmark, a heading, labelled controls, a button when scripts do not run).
import type { LtiRefusal } from "./refusal";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function page(title: string, body: string, script = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Tutor</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 1.5rem; color: #1b1b1b; background: #fff; }
main { max-width: 40rem; }
h1 { font-size: 1.4rem; margin-top: 0; }
.detail { color: #444; }
label { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
select, input[type=text] { font: inherit; width: 100%; max-width: 36rem; padding: 0.3rem; }
button { font: inherit; margin-top: 1rem; padding: 0.4rem 1rem; }
:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
</style>
</head>
<body>
<main>
${body}
</main>
${script}
</body>
</html>
`;
}

export function refusalPage(refusal: LtiRefusal): string {
  return page(
    refusal.title,
    `<h1 data-testid="lti-error" data-code="${escapeHtml(refusal.code)}">${escapeHtml(refusal.title)}</h1>
<p class="detail" data-testid="lti-error-detail">${escapeHtml(refusal.detail)}</p>
<p data-testid="lti-error-todo"><strong>What to do:</strong> ${escapeHtml(refusal.todo)}</p>`,
  );
}

/**
 * A form that posts itself to `action` (the platform's deep linking return URL, or our launch when a test
 * platform answers a login). The script is inline, so the page's CSP allows exactly its hash and nothing else.
 */
export const AUTO_SUBMIT_SCRIPT = `document.getElementById("auto-post").submit();`;

export function autoPostPage(title: string, action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<form id="auto-post" method="post" action="${escapeHtml(action)}">
${inputs}
<p>If nothing happens, <button type="submit">continue</button>.</p>
</form>`,
    `<script>${AUTO_SUBMIT_SCRIPT}</script>`,
  );
}

export interface PickerSet {
  name: string;
  title: string;
  exercises: { id: string; title: string }[];
}

/** The deep linking picker: one list, grouped by set, of a whole set or one exercise. */
export function pickerPage(sets: PickerSet[], requestToken: string, contextTitle: string | null): string {
  const groups = sets
    .map(
      (set) => `<optgroup label="${escapeHtml(set.title)}">
<option value="${escapeHtml(set.name)}">The whole set: ${escapeHtml(set.title)} (${set.exercises.length} exercises)</option>
${set.exercises.map((e) => `<option value="${escapeHtml(e.id)}">${escapeHtml(e.title)}</option>`).join("\n")}
</optgroup>`,
    )
    .join("\n");
  return page(
    "Choose what to add",
    `<h1>Choose what to add${contextTitle ? ` to ${escapeHtml(contextTitle)}` : ""}</h1>
<p>The link you add opens it in Tutor, and a gradebook column is created for it.</p>
<form method="post" action="/lti/deep-link" data-testid="lti-picker">
<input type="hidden" name="request" value="${escapeHtml(requestToken)}">
<label for="target">Exercise set or exercise</label>
<select id="target" name="target" required>
${groups}
</select>
<label for="title">Title in the course (optional)</label>
<input type="text" id="title" name="title" maxlength="200">
<button type="submit" data-testid="lti-picker-submit">Add to the course</button>
</form>`,
  );
}
