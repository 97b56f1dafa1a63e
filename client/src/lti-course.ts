// The "Learning platform" panel of an instructor's course page, for a course linked to an LMS course by LTI: which
// LMS course, the grades still waiting to reach its gradebook (with the last error, so a failing LMS is noticed),
// and the roster sync. A course with no LMS link shows nothing.
import { syncCourseRoster } from "./api";
import { h, plural } from "./dom";
import { formMessage, showFormError, whileBusy } from "./forms";
import type { CourseLtiStatus, RosterSyncResult } from "./types";

function gradesLine(status: CourseLtiStatus): HTMLElement {
  const { pending, failing, sent, lastError } = status.grades;
  if (pending === 0) {
    return h("p", { testId: "lti-grades", text: sent === 0 ? "No grades sent to the LMS yet: they go as learners pass exercises opened from its graded links." : `All grades are in the LMS gradebook (${plural(sent, "score")} sent).` });
  }
  const waiting = `${pending === 1 ? "1 grade is" : `${pending} grades are`} waiting to be sent to the LMS`;
  return h(
    "p",
    { testId: "lti-grades", className: failing > 0 ? "notice" : undefined },
    failing > 0 && lastError ? `${waiting}; it will keep trying. Last error: ${lastError}` : `${waiting}.`,
  );
}

function syncSummary(result: RosterSyncResult): string {
  return `Roster synced: ${plural(result.listed, "active member")} in the LMS, ${result.added} added, ${result.roleChanged} with a new role, ${result.removed} removed.`;
}

/**
 * The outcome of the last sync per course, shown by the panel the page rebuilds after the sync (the members table
 * changes with it). The panel sets it into its status region once in the page, so a screen reader announces it,
 * and puts the focus back on the button the keyboard user pressed.
 */
const lastSync = new Map<string, string>();

export function ltiCoursePanel(courseId: string, status: CourseLtiStatus, reload: () => void): HTMLElement | null {
  if (status.contexts.length === 0) return null;
  const linked = status.contexts.map((c) => `${c.title ?? "a course"} on ${c.platform}`).join("; ");
  const children: (HTMLElement | string)[] = [h("h2", { text: "Learning platform", attrs: { id: "lti-heading" } }), h("p", { text: `Linked to ${linked}.` }), gradesLine(status)];
  if (status.contexts.some((c) => c.rosterSync)) {
    const result = h("p", { testId: "lti-sync-result", attrs: { role: "status" } });
    const message = formMessage("lti-sync-message");
    const button = h("button", { className: "button", testId: "lti-sync", text: "Sync the roster from the LMS", attrs: { type: "button", "aria-describedby": "lti-sync-help" } });
    const form = h("div", { className: "inline-form" }, button, message);
    button.addEventListener("click", () => {
      result.textContent = "";
      whileBusy(button, "Syncing…", () => syncCourseRoster(courseId)).then(
        (synced) => {
          lastSync.set(courseId, syncSummary(synced));
          reload();
        },
        (error: unknown) => showFormError(form, message, error),
      );
    });
    const summary = lastSync.get(courseId);
    if (summary) {
      lastSync.delete(courseId);
      setTimeout(() => {
        result.textContent = summary;
        if (button.isConnected) button.focus();
      });
    }
    children.push(
      h("p", { className: "muted", text: "Adds the LMS course's members with their roles, and removes those it no longer lists as active (their work stays, and they come back with it).", attrs: { id: "lti-sync-help" } }),
      form,
      result,
    );
  }
  return h("section", { className: "panel", testId: "lti-course", attrs: { "aria-labelledby": "lti-heading" } }, ...children);
}
