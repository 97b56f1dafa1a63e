// The CodeMirror 6 editor: Python, basicSetup, 4-space indentation, Ctrl/Cmd+Enter to submit.
// (@codemirror/state, /view, /commands and /language are dependencies of the `codemirror` package.)
import { basicSetup, EditorView } from "codemirror";
import { python } from "@codemirror/lang-python";
import { EditorSelection, EditorState, Prec, type Range, StateEffect, StateField, type StateCommand } from "@codemirror/state";
import { Decoration, gutter, GutterMarker, highlightSpecialChars, keymap, lineNumbers } from "@codemirror/view";
import { indentLess, indentMore } from "@codemirror/commands";
import { defaultHighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";

const INDENT = "    ";

export interface CodeEditor {
  getCode(): string;
  setCode(code: string): void;
  focus(): void;
  /** Puts the cursor at the start of line `line`'s code (clamped to the document), scrolls to it and focuses. */
  goToLine(line: number): void;
  destroy(): void;
}

export interface EditorOptions {
  initialCode: string;
  label: string;
  onChange?: (code: string) => void;
  onSubmit?: () => void;
}

/** Tab: with a selection, indent the selected lines; otherwise insert spaces up to the next 4-column stop. */
const tabCommand: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  if (state.selection.ranges.some((range) => !range.empty)) return indentMore({ state, dispatch });
  dispatch(
    state.update(
      state.changeByRange((range) => {
        const line = state.doc.lineAt(range.head);
        const column = range.head - line.from;
        const spaces = " ".repeat(INDENT.length - (column % INDENT.length));
        return {
          changes: { from: range.head, insert: spaces },
          range: EditorSelection.cursor(range.head + spaces.length),
        };
      }),
      { scrollIntoView: true, userEvent: "input" },
    ),
  );
  return true;
};

export function createEditor(host: HTMLElement, options: EditorOptions): CodeEditor {
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: options.initialCode,
      extensions: [
        Prec.highest(
          keymap.of([
            {
              key: "Mod-Enter",
              preventDefault: true,
              run: () => {
                options.onSubmit?.();
                return true;
              },
            },
          ]),
        ),
        basicSetup,
        python(),
        indentUnit.of(INDENT),
        EditorState.tabSize.of(4),
        keymap.of([{ key: "Tab", run: tabCommand, shift: indentLess }]),
        EditorView.contentAttributes.of({ "aria-label": options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    getCode: () => view.state.doc.toString(),
    setCode: (code: string) => {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: code },
        selection: EditorSelection.cursor(0),
      });
    },
    focus: () => view.focus(),
    goToLine: (line: number) => {
      const doc = view.state.doc;
      const target = doc.line(Math.min(Math.max(1, Math.floor(line)), doc.lines));
      const indent = /^\s*/.exec(target.text)?.[0].length ?? 0;
      view.dispatch({ selection: EditorSelection.cursor(target.from + indent), effects: EditorView.scrollIntoView(target.from, { y: "center" }) });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}

/** Lines a code view marks: the line about to run (a stepper's current step), the one that just ran, and suspects. */
export interface LineMarks {
  current: number | null;
  ran: number | null;
  suspects: readonly number[];
}

const setLineMarks = StateEffect.define<LineMarks>();
const lineMarksField = StateField.define<LineMarks>({
  create: () => ({ current: null, ran: null, suspects: [] }),
  update: (marks, tr) => tr.effects.reduce((value, effect) => (effect.is(setLineMarks) ? effect.value : value), marks),
});

/** A gutter sign, so that a marked line does not rely on its colour alone. */
class SignMarker extends GutterMarker {
  constructor(readonly sign: string) {
    super();
  }
  override eq(other: GutterMarker): boolean {
    return other instanceof SignMarker && other.sign === this.sign;
  }
  override toDOM(): Node {
    return document.createTextNode(this.sign);
  }
}

/** "→" on the line about to run, "•" on the one that just ran, "⚑" on a suspect line (a line may have two). */
function signFor(marks: LineMarks, line: number): string {
  const step = marks.current === line ? "→" : marks.ran === line ? "•" : "";
  return `${step}${marks.suspects.includes(line) ? "⚑" : ""}`;
}

const lineMarks = [
  lineMarksField,
  EditorView.decorations.compute([lineMarksField], (state) => {
    const marks = state.field(lineMarksField);
    const ranges: Range<Decoration>[] = [];
    for (let n = 1; n <= state.doc.lines; n += 1) {
      const step = marks.current === n ? "cm-line--current" : marks.ran === n ? "cm-line--ran" : "";
      const classes = [step, marks.suspects.includes(n) ? "cm-line--suspect" : ""].filter(Boolean);
      if (classes.length) ranges.push(Decoration.line({ class: classes.join(" ") }).range(state.doc.line(n).from));
    }
    return Decoration.set(ranges);
  }),
  gutter({
    class: "cm-marks-gutter",
    lineMarker: (view, block) => {
      const sign = signFor(view.state.field(lineMarksField), view.state.doc.lineAt(block.from).number);
      return sign ? new SignMarker(sign) : null;
    },
    lineMarkerChange: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(setLineMarks))),
    initialSpacer: () => new SignMarker("→⚑"),
  }),
];

export interface CodeView {
  /** Marks lines (see LineMarks) and scrolls the current one into view. */
  mark(marks: LineMarks): void;
  destroy(): void;
}

/** A read-only, highlighted view of some Python (selectable and copyable, not editable), which can mark lines. */
export function createCodeView(host: HTMLElement, code: string, label: string): CodeView {
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: code,
      extensions: [
        lineNumbers(),
        lineMarks,
        highlightSpecialChars(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        python(),
        EditorState.tabSize.of(4),
        EditorState.readOnly.of(true),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-readonly": "true" }),
      ],
    }),
  });
  return {
    mark: (marks) => {
      const current = marks.current !== null && marks.current >= 1 && marks.current <= view.state.doc.lines ? view.state.doc.line(marks.current) : null;
      view.dispatch({ effects: [setLineMarks.of(marks), ...(current ? [EditorView.scrollIntoView(current.from, { y: "nearest" })] : [])] });
    },
    destroy: () => view.destroy(),
  };
}

// --- The test hook: window.tutorEditor talks to whichever editor is currently on the page. -------------------

let active: CodeEditor | null = null;

export function setActiveEditor(editor: CodeEditor | null): void {
  active = editor;
}

function requireActive(): CodeEditor {
  if (!active) throw new Error("No editor is open: navigate to an exercise page or the Tools page first.");
  return active;
}

declare global {
  interface Window {
    tutorEditor: { setCode(code: string): void; getCode(): string };
  }
}

export function installTestHook(): void {
  window.tutorEditor = {
    setCode: (code: string) => requireActive().setCode(code),
    getCode: () => requireActive().getCode(),
  };
}
