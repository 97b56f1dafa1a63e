// "#/courses": my courses, joining one with a code, and (instructors) creating one. "#/courses/<id>": a
// course's assignments; instructors also see the join code, assign and edit problem sets, grant learners their
// own due dates (deadline extensions), and the members.
import {
  addCoInstructor,
  assignSet,
  courseExportHref,
  createCourse,
  getCourse,
  getCourseLti,
  grantExtension,
  isAbortError,
  joinCourse,
  listCourses,
  listExerciseSets,
  listExtensions,
  listRegrades,
  removeAssignment,
  removeExtension,
  removeMember,
  updateAssignment,
} from "./api";
import { dueLabel, exerciseIdHref, formatDateTime, isoToLocalInput, localInputToIso, statusBadge } from "./course-ui";
import { h, plural } from "./dom";
import { clearError, showError } from "./error-banner";
import { clearFormErrors, field, formMessage, showFormError, whileBusy } from "./forms";
import { courseAnswersHref, courseDashboardHref, courseHref, courseSimilarityHref } from "./router";
import { accountName, canTeach, currentAccount } from "./session";
import { ltiCoursePanel } from "./lti-course";
import { regradeSection } from "./regrade-ui";
import { copyButton } from "./tutor-ui";
import type { Account, AssignmentDetail, ChangedExercise, CourseDetail, CourseLtiStatus, CourseSummary, DeadlineExtension, ExerciseSet, RegradeView } from "./types";

function needAccount(what: string): HTMLElement {
  return h(
    "div",
    { className: "notice", testId: "need-account" },
    h("p", {}, `${what} need an account. `, h("a", { text: "Sign up", attrs: { href: "#/signup" } }), " (your progress so far comes with you) or ", h("a", { text: "sign in", attrs: { href: "#/signin" } }), "."),
  );
}

function courseCard(course: CourseSummary): HTMLElement {
  const teaching = course.role === "instructor";
  return h(
    "li",
    { className: "cards__item" },
    h(
      "article",
      { className: "card course-card", testId: "course-card", dataset: { courseId: course.id, role: course.role } },
      h("span", { className: "card__top" }, h("a", { className: "card__title", text: course.name, attrs: { href: courseHref(course.id) } }), h("span", { className: "tag", text: teaching ? "Teaching" : "Learning" })),
      teaching ? h("span", { className: "muted" }, `${plural(course.learnerCount ?? 0, "learner")} · join code `, h("code", { className: "join-code-inline", text: course.joinCode ?? "" })) : null,
      course.assignments.length === 0
        ? h("span", { className: "muted", text: "No problem sets assigned yet." })
        : h("ul", { className: "course-card__sets" }, ...course.assignments.map((a) => h("li", {}, h("strong", { text: a.title }), ` · ${plural(a.exerciseCount, "exercise")} · `, dueLabel(a.dueAt, a.extended)))),
      teaching ? h("span", { className: "card__meta" }, h("a", { text: "Class dashboard →", testId: "course-dashboard-link", attrs: { href: courseDashboardHref(course.id) } })) : null,
    ),
  );
}

function joinForm(): HTMLElement {
  const code = field("join", { label: "Join code", name: "code", testId: "join-code-input", autocomplete: "off", required: true, placeholder: "e.g. K7M2QXPA", help: "Your instructor gives you this code." });
  code.input.classList.add("text-input--code");
  const message = formMessage("join-message");
  const button = h("button", { className: "button button--primary", testId: "join-submit", text: "Join", attrs: { type: "submit" } });
  const form = h("form", { className: "inline-form", testId: "join-form", attrs: { novalidate: true } }, code.element, button, message);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearFormErrors(form, message);
    whileBusy(button, "Joining…", () => joinCourse(code.input.value.trim())).then(
      (course) => {
        window.location.hash = courseHref(course.id);
      },
      (error: unknown) => showFormError(form, message, error),
    );
  });
  return h("section", { className: "panel", attrs: { "aria-labelledby": "join-heading" } }, h("h2", { text: "Join a course", attrs: { id: "join-heading" } }), form);
}

function createForm(): HTMLElement {
  const name = field("create-course", { label: "Course name", name: "name", required: true, placeholder: "e.g. Python 1 — Tuesday group" });
  const message = formMessage("create-course-message");
  const button = h("button", { className: "button button--primary", testId: "create-course-submit", text: "Create course", attrs: { type: "submit" } });
  const form = h("form", { className: "inline-form", testId: "create-course-form", attrs: { novalidate: true } }, name.element, button, message);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearFormErrors(form, message);
    whileBusy(button, "Creating…", () => createCourse(name.input.value.trim())).then(
      (course) => {
        window.location.hash = courseHref(course.id);
      },
      (error: unknown) => showFormError(form, message, error),
    );
  });
  return h("section", { className: "panel", attrs: { "aria-labelledby": "create-heading" } }, h("h2", { text: "Create a course", attrs: { id: "create-heading" } }), form);
}

export function mountCoursesPage(container: HTMLElement): () => void {
  const controller = new AbortController();
  document.title = "Courses · Tutor";
  const body = h("div", { attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading your courses…" }));
  container.replaceChildren(h("div", { className: "page" }, h("h1", { text: "Courses", attrs: { tabindex: "-1" } }), body));
  const render = (account: Account, courses: CourseSummary[]) => {
    body.removeAttribute("aria-busy");
    body.replaceChildren(
      courses.length === 0
        ? h("p", { className: "muted", testId: "no-courses", text: canTeach(account) ? "You have no courses yet: create one below." : "You are not in a course yet: join one with the code your instructor gave you." })
        : h("ul", { className: "cards", testId: "course-list" }, ...courses.map(courseCard)),
      h("div", { className: "panels" }, canTeach(account) ? createForm() : null, joinForm()),
    );
  };
  currentAccount()
    .then(async (account) => {
      if (!account.signedIn) {
        body.removeAttribute("aria-busy");
        body.replaceChildren(needAccount("Courses"));
        return;
      }
      render(account, await listCourses(controller.signal));
    })
    .catch((error: unknown) => {
      if (isAbortError(error)) return;
      body.removeAttribute("aria-busy");
      body.replaceChildren(h("p", { className: "muted", text: "Your courses could not be loaded." }));
      showError(error);
    });
  return () => controller.abort();
}

// ---- One course ------------------------------------------------------------------------------------------------

function learnerAssignment(assignment: AssignmentDetail): HTMLElement {
  const solved = assignment.exercises.filter((e) => e.status === "solved").length;
  return h(
    "section",
    { className: "assignment", testId: "assignment", dataset: { set: assignment.setName } },
    h("div", { className: "assignment__head" }, h("h3", { text: assignment.title }), dueLabel(assignment.dueAt, assignment.extended), h("span", { className: "muted", text: `${solved} of ${assignment.exercises.length} solved` })),
    h(
      "ul",
      { className: "assignment__exercises" },
      ...assignment.exercises.map((exercise) =>
        h(
          "li",
          { testId: "assigned-exercise", dataset: { exerciseId: exercise.id, status: exercise.status } },
          h("a", { text: exercise.title, attrs: { href: exerciseIdHref(exercise.id) } }),
          statusBadge(exercise.status),
        ),
      ),
    ),
  );
}

function joinCodePanel(course: CourseDetail): HTMLElement {
  const code = course.joinCode ?? "";
  return h(
    "section",
    { className: "join-code", attrs: { "aria-labelledby": "join-code-heading" } },
    h("h2", { className: "join-code__label", text: "Join code", attrs: { id: "join-code-heading" } }),
    h("div", { className: "join-code__row" }, h("code", { className: "join-code__code", testId: "join-code", text: code }), copyButton(() => code, "the join code", "join-code")),
    h("p", { className: "muted join-code__help", text: "Learners sign in, open Courses and enter this code." }),
  );
}

/** One assigned set, with its due date editable and a Remove button. */
function assignmentRow(course: CourseDetail, assignment: AssignmentDetail, reload: () => void): HTMLElement {
  const id = `due-${assignment.setName}`;
  const due = h("input", { className: "text-input", testId: "assignment-due", attrs: { id, type: "datetime-local", value: isoToLocalInput(assignment.dueAt) } });
  const save = h("button", { className: "button button--small", testId: "assignment-save", text: "Save date", attrs: { type: "button" } });
  const remove = h("button", { className: "button button--small button--danger", testId: "assignment-remove", text: "Remove", attrs: { type: "button" } });
  save.addEventListener("click", () => {
    clearError();
    whileBusy(save, "Saving…", () => updateAssignment(course.id, assignment.setName, localInputToIso(due.value))).then(reload, showError);
  });
  remove.addEventListener("click", () => {
    if (!window.confirm(`Remove "${assignment.title}" from ${course.name}? Learners keep their work; the set stops being assigned.`)) return;
    clearError();
    whileBusy(remove, "Removing…", () => removeAssignment(course.id, assignment.setName)).then(reload, showError);
  });
  return h(
    "tr",
    { testId: "assignment-row", dataset: { set: assignment.setName } },
    h("td", {}, h("strong", { text: assignment.title }), h("div", { className: "muted", text: plural(assignment.exercises.length, "exercise") })),
    h("td", {}, dueLabel(assignment.dueAt)),
    h("td", {}, h("label", { className: "visually-hidden", text: `Due date for ${assignment.title}`, attrs: { for: id } }), h("span", { className: "row-actions" }, due, save, remove)),
  );
}

function assignForm(course: CourseDetail, sets: ExerciseSet[], reload: () => void): HTMLElement {
  const assigned = new Set(course.assignments.map((a) => a.setName));
  const open = sets.filter((s) => !assigned.has(s.name));
  const select = h(
    "select",
    { className: "select", testId: "assign-set", attrs: { id: "assign-set", name: "setName", "aria-describedby": "assign-setName-error" } },
    ...open.map((s) => h("option", { text: `${s.title} (${plural(s.exerciseCount, "exercise")})`, attrs: { value: s.name } })),
  );
  const due = h("input", { className: "text-input", testId: "assign-due", attrs: { id: "assign-due", name: "dueAt", type: "datetime-local", "aria-describedby": "assign-dueAt-error" } });
  const message = formMessage("assign-message");
  const button = h("button", { className: "button button--primary", testId: "assign-submit", text: "Assign", attrs: { type: "submit", disabled: open.length === 0 } });
  const form = h(
    "form",
    { className: "inline-form", testId: "assign-form", attrs: { novalidate: true } },
    h("div", { className: "field" }, h("label", { className: "field__label", text: "Problem set", attrs: { for: "assign-set" } }), select, h("p", { className: "field__error", dataset: { field: "setName" }, attrs: { id: "assign-setName-error", hidden: true } })),
    h(
      "div",
      { className: "field" },
      h("label", { className: "field__label", attrs: { for: "assign-due" } }, "Due ", h("span", { className: "muted", text: "(optional)" })),
      due,
      h("p", { className: "field__error", dataset: { field: "dueAt" }, attrs: { id: "assign-dueAt-error", hidden: true } }),
    ),
    button,
    message,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearFormErrors(form, message);
    whileBusy(button, "Assigning…", () => assignSet(course.id, select.value, localInputToIso(due.value))).then(reload, (error: unknown) => showFormError(form, message, error));
  });
  return h(
    "section",
    { className: "panel", attrs: { "aria-labelledby": "assign-heading" } },
    h("h2", { text: "Assign a problem set", attrs: { id: "assign-heading" } }),
    open.length === 0 ? h("p", { className: "muted", text: "Every problem set is assigned already." }) : form,
  );
}

/** The form that grants an extension; granting again for the same learner and set replaces their date. */
function extensionForm(course: CourseDetail, learners: NonNullable<CourseDetail["members"]>, reload: () => void) {
  const learner = h(
    "select",
    { className: "select", testId: "extension-learner", attrs: { id: "extension-learner", name: "learnerId" } },
    ...learners.map((m) => h("option", { text: accountName(m), attrs: { value: m.id } })),
  );
  const set = h(
    "select",
    { className: "select", testId: "extension-set", attrs: { id: "extension-set", name: "setName" } },
    ...course.assignments.map((a) => h("option", { text: a.title, attrs: { value: a.setName } })),
  );
  const due = h("input", { className: "text-input", testId: "extension-due", attrs: { id: "extension-due", name: "dueAt", type: "datetime-local", "aria-describedby": "extension-dueAt-error extension-help" } });
  const message = formMessage("extension-message");
  const button = h("button", { className: "button button--primary", testId: "extension-submit", text: "Grant extension", attrs: { type: "submit" } });
  const form = h(
    "form",
    { className: "inline-form", testId: "extension-form", attrs: { novalidate: true } },
    h("div", { className: "field" }, h("label", { className: "field__label", text: "Learner", attrs: { for: "extension-learner" } }), learner),
    h("div", { className: "field" }, h("label", { className: "field__label", text: "Problem set", attrs: { for: "extension-set" } }), set),
    h(
      "div",
      { className: "field" },
      h("label", { className: "field__label", text: "Their due date", attrs: { for: "extension-due" } }),
      due,
      h("p", { className: "field__error", dataset: { field: "dueAt" }, attrs: { id: "extension-dueAt-error", hidden: true } }),
    ),
    button,
    message,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearFormErrors(form, message);
    whileBusy(button, "Granting…", () => grantExtension(course.id, set.value, learner.value, localInputToIso(due.value))).then(reload, (error: unknown) => showFormError(form, message, error));
  });
  /** Fills the form with an existing extension, to change its date. */
  const edit = (e: DeadlineExtension) => {
    learner.value = e.learner.id;
    set.value = e.setName;
    due.value = isoToLocalInput(e.dueAt);
    due.focus();
  };
  return { form, edit };
}

function extensionRow(course: CourseDetail, e: DeadlineExtension, edit: (e: DeadlineExtension) => void, reload: () => void): HTMLElement {
  const title = course.assignments.find((a) => a.setName === e.setName)?.title ?? e.setName;
  const who = accountName(e.learner);
  const change = h("button", { className: "button button--small", testId: "extension-change", text: "Change", attrs: { type: "button", "aria-label": `Change ${who}'s due date for ${title}` } });
  const remove = h("button", { className: "button button--small button--danger", testId: "extension-remove", text: "Remove", attrs: { type: "button", "aria-label": `Remove ${who}'s extension for ${title}` } });
  change.addEventListener("click", () => edit(e));
  remove.addEventListener("click", () => {
    if (!window.confirm(`Remove ${who}'s extension for "${title}"? Their due date goes back to the course's.`)) return;
    clearError();
    whileBusy(remove, "Removing…", () => removeExtension(course.id, e.setName, e.learner.id)).then(reload, showError);
  });
  return h(
    "tr",
    { testId: "extension", dataset: { set: e.setName, userId: e.learner.id } },
    h("td", { text: who }),
    h("td", { text: title }),
    h("td", {}, dueLabel(e.dueAt)),
    h("td", {}, dueLabel(e.courseDueAt)),
    h("td", { text: `${accountName(e.grantedBy)}, ${formatDateTime(e.grantedAt)}` }),
    h("td", {}, h("span", { className: "row-actions" }, change, remove)),
  );
}

function extensionsSection(course: CourseDetail, extensions: DeadlineExtension[], reload: () => void): HTMLElement {
  const learners = (course.members ?? []).filter((m) => m.role === "learner");
  const { form, edit } = extensionForm(course, learners, reload);
  const table = h(
    "table",
    { className: "data-table", testId: "extensions" },
    h("caption", { className: "visually-hidden", text: "Learners with their own due date" }),
    h("thead", {}, h("tr", {}, h("th", { text: "Learner" }), h("th", { text: "Set" }), h("th", { text: "Their due date" }), h("th", { text: "Course's due date" }), h("th", { text: "Granted by" }), h("th", { text: "" }))),
    h("tbody", {}, ...extensions.map((e) => extensionRow(course, e, edit, reload))),
  );
  const ready = learners.length > 0 && course.assignments.length > 0;
  return h(
    "section",
    { className: "panel", attrs: { "aria-labelledby": "extensions-heading" } },
    h("h2", { text: "Deadline extensions", attrs: { id: "extensions-heading" } }),
    h("p", { className: "muted", text: "Give one learner their own due date for a problem set. Only they see it, and the grades export judges their lateness by it. Granting again replaces their date.", attrs: { id: "extension-help" } }),
    extensions.length === 0 ? h("p", { className: "muted", testId: "no-extensions", text: "No learner has an extension." }) : table,
    ready ? form : h("p", { className: "muted", text: "Extensions need a learner in the course and an assigned problem set." }),
  );
}

function coInstructorForm(course: CourseDetail, reload: () => void): HTMLElement {
  const email = field("co-instructor", { label: "Instructor's email", name: "email", type: "email", required: true, help: "They need an instructor account already." });
  const message = formMessage("co-instructor-message");
  const button = h("button", { className: "button", testId: "co-instructor-submit", text: "Add instructor", attrs: { type: "submit" } });
  const form = h("form", { className: "inline-form", attrs: { novalidate: true } }, email.element, button, message);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearFormErrors(form, message);
    whileBusy(button, "Adding…", () => addCoInstructor(course.id, email.input.value.trim())).then(reload, (error: unknown) => showFormError(form, message, error));
  });
  return form;
}

function removeMemberButton(course: CourseDetail, member: NonNullable<CourseDetail["members"]>[number], reload: () => void): HTMLElement {
  const button = h("button", { className: "button button--small button--danger", testId: "member-remove", text: "Remove", attrs: { type: "button", "aria-label": `Remove ${accountName(member)} from the course` } });
  button.addEventListener("click", () => {
    if (!window.confirm(`Remove ${accountName(member)} from ${course.name}? Their work stays theirs; this course stops showing it.`)) return;
    clearError();
    whileBusy(button, "Removing…", () => removeMember(course.id, member.id)).then(reload, showError);
  });
  return button;
}

function membersSection(course: CourseDetail, reload: () => void): HTMLElement {
  const members = course.members ?? [];
  const learners = members.filter((m) => m.role === "learner").length;
  return h(
    "section",
    { className: "panel", attrs: { "aria-labelledby": "members-heading" } },
    h("h2", { text: `Members · ${plural(learners, "learner")}`, attrs: { id: "members-heading" } }),
    h(
      "table",
      { className: "data-table", testId: "members" },
      h("thead", {}, h("tr", {}, h("th", { text: "Name" }), h("th", { text: "Email" }), h("th", { text: "Role" }), h("th", { text: "Joined" }), h("th", { text: "" }))),
      h(
        "tbody",
        {},
        ...members.map((m) =>
          h(
            "tr",
            { testId: "member", dataset: { userId: m.id, role: m.role } },
            h("td", { text: accountName(m) }),
            h("td", { text: m.email ?? "" }),
            h("td", { text: m.role }),
            h("td", { text: formatDateTime(m.joinedAt) }),
            h("td", {}, removeMemberButton(course, m, reload)),
          ),
        ),
      ),
    ),
    coInstructorForm(course, reload),
  );
}

interface InstructorData {
  sets: ExerciseSet[];
  extensions: DeadlineExtension[];
  regrades: { changed: ChangedExercise[]; regrades: RegradeView[] };
  lti: CourseLtiStatus;
}

function instructorView(course: CourseDetail, { sets, extensions, regrades, lti }: InstructorData, reload: () => void, signal: AbortSignal): HTMLElement[] {
  const ltiPanel = ltiCoursePanel(course.id, lti, reload);
  return [
    h(
      "div",
      { className: "course-top" },
      joinCodePanel(course),
      h(
        "div",
        { className: "course-links" },
        h("a", { className: "button button--primary", testId: "open-dashboard", text: "Class dashboard", attrs: { href: courseDashboardHref(course.id) } }),
        h("a", { className: "button", testId: "open-similarity", text: "Similar submissions", attrs: { href: courseSimilarityHref(course.id) } }),
        h("a", { className: "button", testId: "open-answers", text: "The tutor's answers", attrs: { href: courseAnswersHref(course.id) } }),
        h("a", { className: "button", testId: "export-csv", text: "Download grades (CSV)", attrs: { href: courseExportHref(course.id), download: "" } }),
      ),
    ),
    h(
      "section",
      { className: "panel", attrs: { "aria-labelledby": "assignments-heading" } },
      h("h2", { text: "Assigned problem sets", attrs: { id: "assignments-heading" } }),
      course.assignments.length === 0
        ? h("p", { className: "muted", testId: "no-assignments", text: "Nothing assigned yet: pick a problem set below." })
        : h(
            "table",
            { className: "data-table", testId: "assignments" },
            h("thead", {}, h("tr", {}, h("th", { text: "Set" }), h("th", { text: "Due" }), h("th", { text: "Change" }))),
            h("tbody", {}, ...course.assignments.map((a) => assignmentRow(course, a, reload))),
          ),
    ),
    regradeSection(course.id, regrades, signal),
    assignForm(course, sets, reload),
    extensionsSection(course, extensions, reload),
    membersSection(course, reload),
    ...(ltiPanel ? [ltiPanel] : []),
  ];
}

export function mountCoursePage(container: HTMLElement, id: string): () => void {
  const controller = new AbortController();
  let disposed = false;
  document.title = "Course · Tutor";
  const back = h("a", { className: "back-link", text: "← All courses", attrs: { href: "#/courses" } });
  const page = h("div", { className: "page", attrs: { "aria-busy": "true" } }, back, h("p", { className: "muted", text: "Loading the course…" }));
  container.replaceChildren(page);

  const load = async () => {
    const account = await currentAccount();
    if (!account.signedIn) {
      page.replaceChildren(back, needAccount("Courses"));
      return;
    }
    const course = await getCourse(id, controller.signal);
    const teaching = course.role === "instructor";
    const data: InstructorData | null = teaching
      ? await Promise.all([listExerciseSets(controller.signal), listExtensions(course.id, controller.signal), listRegrades(course.id, controller.signal), getCourseLti(course.id, controller.signal)]).then(
          ([sets, extensions, regrades, lti]) => ({ sets, extensions, regrades, lti }),
        )
      : null;
    if (disposed) return;
    document.title = `${course.name} · Tutor`;
    page.removeAttribute("aria-busy");
    page.replaceChildren(
      back,
      h("h1", { text: course.name, testId: "course-title", attrs: { tabindex: "-1" } }),
      ...(data
        ? instructorView(course, data, reload, controller.signal)
        : course.assignments.length === 0
          ? [h("p", { className: "muted", testId: "no-assignments", text: "Your instructor has not assigned anything yet." })]
          : course.assignments.map(learnerAssignment)),
    );
  };
  const fail = (error: unknown) => {
    if (isAbortError(error) || disposed) return;
    page.removeAttribute("aria-busy");
    page.replaceChildren(back, h("h1", { text: "Course not found" }), h("p", { className: "muted", text: error instanceof Error ? error.message : "" }));
    showError(error);
  };
  // After a change the page stays as it is if reloading fails; the banner says why.
  const reload = () => void load().catch((error: unknown) => {
    if (!isAbortError(error) && !disposed) showError(error);
  });
  load().catch(fail);
  return () => {
    disposed = true;
    controller.abort();
  };
}
