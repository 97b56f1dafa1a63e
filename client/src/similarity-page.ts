// "#/courses/<id>/similarity[/<set>/<slug>]": for the course's instructors, the pairs of learners whose latest
// submissions of one exercise are alike (most alike first), and any pair's two programs side by side with the
// matching fragments marked. The report's note (from the server) says that similarity is only a signal; the page
// offers no action on a pair.
// Marks carry words as well as colour ("match 2 begins"), and the list of fragments says the same in text, so the
// comparison reads the same with a screen reader.
import { getCourse, getSimilarity, isAbortError } from "./api";
import { h, plural } from "./dom";
import { showError } from "./error-banner";
import { courseHref, courseSimilarityHref } from "./router";
import { accountName } from "./session";
import type { CourseDetail, SimilarityPair, SimilarityReport, SimilaritySide } from "./types";

const percent = (similarity: number) => `${Math.round(similarity * 100)}%`;
const pairTitle = (pair: SimilarityPair) => `${accountName(pair.left.learner)} and ${accountName(pair.right.learner)}`;

function exercisePicker(course: CourseDetail, chosen: string | null): HTMLElement {
  const select = h(
    "select",
    { className: "select", testId: "similarity-exercise", attrs: { id: "similarity-exercise", name: "exercise" } },
    ...course.assignments.map((a) =>
      h("optgroup", { attrs: { label: a.title } }, ...a.exercises.map((e) => h("option", { text: e.title, attrs: { value: e.id, selected: e.id === chosen } }))),
    ),
  );
  const button = h("button", { className: "button button--primary", testId: "similarity-compare", text: "Compare", attrs: { type: "submit" } });
  const form = h(
    "form",
    { className: "inline-form", testId: "similarity-form" },
    h("div", { className: "field" }, h("label", { className: "field__label", text: "Exercise", attrs: { for: "similarity-exercise" } }), select),
    button,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const [set, slug] = select.value.split("/");
    if (set && slug) window.location.hash = courseSimilarityHref(course.id, set, slug);
  });
  return form;
}

/** Which match (1-based) each line of one side belongs to, for marking. */
function matchesByLine(pair: SimilarityPair, side: "left" | "right"): Map<number, number> {
  const byLine = new Map<number, number>();
  pair.fragments.forEach((f, i) => {
    for (let line = f[side].startLine; line <= f[side].endLine; line++) if (!byLine.has(line)) byLine.set(line, i + 1);
  });
  return byLine;
}

/** One program with numbered lines; lines in a match are marked, and each match's first line says so in words. */
function program(side: SimilaritySide, matches: Map<number, number>, sideName: "left" | "right"): HTMLElement {
  const lines = side.code.replace(/\n$/, "").split("\n");
  const name = accountName(side.learner);
  const code = h(
    "pre",
    { className: "similar-code", testId: `similar-code-${sideName}`, attrs: { tabindex: "0", "aria-label": `${name}'s program` } },
    h(
      "code",
      {},
      ...lines.map((text, i) => {
        const line = i + 1;
        const match = matches.get(line);
        const begins = match !== undefined && matches.get(line - 1) !== match;
        const content = [
          h("span", { className: "similar-code__number", text: String(line), attrs: { "aria-hidden": "true" } }),
          begins ? h("span", { className: "visually-hidden", text: `match ${match} begins: ` }) : null,
          text || " ",
          "\n",
        ];
        return match === undefined
          ? h("span", { className: "similar-code__line", dataset: { line: String(line) } }, ...content)
          : h("mark", { className: "similar-code__line similar-code__line--match", testId: "match-line", dataset: { line: String(line), match: String(match), side: sideName }, attrs: { id: `match-${sideName}-${match}-${line}` } }, ...content);
      }),
    ),
  );
  return h(
    "figure",
    { className: "similar-program" },
    h("figcaption", {}, h("strong", { text: name }), ` · submitted ${new Date(side.submittedAt).toLocaleString()} · ${side.verdict ?? "not graded yet"}`),
    code,
  );
}

function fragmentList(pair: SimilarityPair): HTMLElement {
  const left = accountName(pair.left.learner);
  const right = accountName(pair.right.learner);
  const range = (r: { startLine: number; endLine: number }) => (r.startLine === r.endLine ? `line ${r.startLine}` : `lines ${r.startLine}–${r.endLine}`);
  return h(
    "ol",
    { className: "similar-fragments", testId: "similar-fragments", attrs: { "aria-label": "Matching fragments" } },
    ...pair.fragments.map((f, i) => {
      const show = h("button", { className: "link-button", text: `Match ${i + 1}`, attrs: { type: "button", "aria-label": `Show match ${i + 1}` } });
      show.addEventListener("click", () => {
        for (const [side, r] of [["left", f.left], ["right", f.right]] as const) {
          document.getElementById(`match-${side}-${i + 1}-${r.startLine}`)?.scrollIntoView({ block: "nearest" });
        }
      });
      return h("li", {}, show, `: ${range(f.left)} of ${left}'s program and ${range(f.right)} of ${right}'s`);
    }),
  );
}

function sideBySide(pair: SimilarityPair): HTMLElement {
  const heading = h("h2", { text: `${pairTitle(pair)}, side by side`, attrs: { id: "side-by-side-heading", tabindex: "-1" } });
  return h(
    "section",
    { className: "panel", testId: "side-by-side", attrs: { "aria-labelledby": "side-by-side-heading" } },
    heading,
    h("p", { className: "muted", text: `${percent(pair.similarity)} alike, in ${plural(pair.fragments.length, "matching fragment")}. Marked lines match the other program's; the starter and the reference solution are left out.` }),
    fragmentList(pair),
    h("div", { className: "side-by-side" }, program(pair.left, matchesByLine(pair, "left"), "left"), program(pair.right, matchesByLine(pair, "right"), "right")),
  );
}

function reportView(report: SimilarityReport): HTMLElement {
  const detail = h("div", {});
  const buttons: HTMLButtonElement[] = [];
  const open = (index: number, focus: boolean) => {
    const pair = report.pairs[index]!;
    buttons.forEach((b, i) => b.setAttribute("aria-pressed", String(i === index)));
    detail.replaceChildren(sideBySide(pair));
    if (focus) detail.querySelector<HTMLElement>("#side-by-side-heading")?.focus();
  };
  const list = h(
    "ol",
    { className: "similar-pairs", testId: "similar-pairs" },
    ...report.pairs.map((pair, i) => {
      const button = h(
        "button",
        { className: "similar-pair", testId: "similar-pair", attrs: { type: "button", "aria-pressed": "false" } },
        h("span", { className: "similar-pair__score", text: percent(pair.similarity) }),
        h("span", { text: pairTitle(pair) }),
        h("span", { className: "muted", text: plural(pair.fragments.length, "matching fragment") }),
      );
      button.addEventListener("click", () => open(i, true));
      buttons.push(button);
      return h("li", {}, button);
    }),
  );
  const section = h(
    "section",
    { className: "panel", testId: "similarity-report", attrs: { "aria-labelledby": "pairs-heading" } },
    h("h2", { text: `Pairs for ${report.exercise.title}`, attrs: { id: "pairs-heading" } }),
    h("p", { className: "notice", testId: "similarity-note", attrs: { role: "note" }, text: report.note }),
    h("p", { className: "muted", text: `The latest submissions of ${plural(report.comparedCount, "learner")} compared, most alike first.${report.truncated ? ` The ${report.pairs.length} most alike pairs are listed.` : ""}` }),
    report.pairs.length === 0 ? h("p", { testId: "no-similar-pairs", text: "No two learners' programs share anything beyond the starter and the reference solution." }) : list,
  );
  if (report.pairs.length > 0) open(0, false);
  return h("div", {}, section, detail);
}

export function mountSimilarityPage(container: HTMLElement, courseId: string, exercise: { set: string; slug: string } | null): () => void {
  const controller = new AbortController();
  document.title = "Similarity · Tutor";
  const back = h("a", { className: "back-link", text: "← The course", attrs: { href: courseHref(courseId) } });
  const body = h("div", { attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading…" }));
  container.replaceChildren(
    h(
      "div",
      { className: "page" },
      back,
      h("h1", { text: "Similar submissions", attrs: { tabindex: "-1" } }),
      body,
    ),
  );
  const exerciseId = exercise ? `${exercise.set}/${exercise.slug}` : null;
  (async () => {
    const course = await getCourse(courseId, controller.signal);
    back.textContent = `← ${course.name}`;
    document.title = `Similarity · ${course.name} · Tutor`;
    const picker = exercisePicker(course, exerciseId);
    if (!exercise) {
      body.removeAttribute("aria-busy");
      body.replaceChildren(picker, h("p", { className: "muted", text: "Pick an exercise to compare the latest submissions of its learners." }));
      return;
    }
    const report = await getSimilarity(courseId, exercise.set, exercise.slug, controller.signal);
    body.removeAttribute("aria-busy");
    body.replaceChildren(picker, reportView(report));
  })().catch((error: unknown) => {
    if (isAbortError(error)) return;
    body.removeAttribute("aria-busy");
    body.replaceChildren(h("p", { className: "muted", text: error instanceof Error ? error.message : "The report could not be loaded." }));
    showError(error);
  });
  return () => controller.abort();
}
