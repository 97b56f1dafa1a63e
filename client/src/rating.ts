// "Was this helpful?" under each of the tutor's answers: two buttons that save the rating at once, then an
// optional comment (at most 500 characters) for what was missing. The course's instructors read both on their
// answers page. Rating again replaces the rating, so a learner can change their mind.
import { ApiError, rateAnswer } from "./api";
import { h } from "./dom";

/** The server's limit (server/tutor/ratings.ts); the textarea stops there, and the server checks again. */
export const COMMENT_MAX = 500;

let nextId = 0;

/** `what` names the answer for screen readers, e.g. "this explanation" or "hint 2". */
export function ratingControl(answerId: string, what: string): HTMLElement {
  const id = `rating-${++nextId}`;
  let helpful: boolean | null = null;
  const status = h("p", { className: "rating__status muted", testId: "rating-status", attrs: { role: "status", "aria-live": "polite" } });
  const choice = (value: boolean, label: string) =>
    h("button", { className: "button button--small rating__choice", testId: value ? "rate-helpful" : "rate-not-helpful", text: label, attrs: { type: "button", "aria-pressed": "false" } });
  const yes = choice(true, "Helpful");
  const no = choice(false, "Not helpful");
  const comment = h("textarea", {
    className: "rating__comment",
    testId: "rating-comment",
    attrs: { id: `${id}-comment`, rows: 2, maxlength: COMMENT_MAX, "aria-describedby": `${id}-count` },
  });
  const count = h("span", { className: "muted rating__count", text: `0 / ${COMMENT_MAX}`, attrs: { id: `${id}-count` } });
  const send = h("button", { className: "button button--small", testId: "rating-send", text: "Send comment", attrs: { type: "submit" } });
  const form = h(
    "form",
    { className: "rating__more", attrs: { hidden: true } },
    h("label", { className: "rating__label", text: "What would have helped more? (optional)", attrs: { for: `${id}-comment` } }),
    comment,
    h("div", { className: "rating__actions" }, send, count),
  );

  const save = async (value: boolean, text: string | null) => {
    status.textContent = "Saving…";
    try {
      await rateAnswer(answerId, value, text);
      helpful = value;
      yes.setAttribute("aria-pressed", String(value));
      no.setAttribute("aria-pressed", String(!value));
      form.hidden = false;
      status.textContent = text ? "Thank you: your rating and comment are saved." : "Thank you: your rating is saved. You may add a comment.";
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : "Your rating could not be saved. Try again.";
    }
  };
  yes.addEventListener("click", () => void save(true, comment.value.trim() || null));
  no.addEventListener("click", () => void save(false, comment.value.trim() || null));
  comment.addEventListener("input", () => (count.textContent = `${comment.value.length} / ${COMMENT_MAX}`));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (helpful !== null) void save(helpful, comment.value.trim() || null);
  });

  return h(
    "div",
    { className: "rating", testId: "rating", dataset: { answerId } },
    h("div", { className: "rating__row", attrs: { role: "group", "aria-label": `Was ${what} helpful?` } }, h("span", { className: "rating__question", text: "Was this helpful?" }), yes, no),
    form,
    status,
  );
}
