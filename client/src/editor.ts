// The CodeMirror 6 editor: Python, basicSetup, 4-space indentation, Ctrl/Cmd+Enter to submit.
// (@codemirror/state, /view, /commands and /language are dependencies of the `codemirror` package.)
import { basicSetup, EditorView } from "codemirror";
import { python } from "@codemirror/lang-python";
import { EditorSelection, EditorState, Prec, type StateCommand } from "@codemirror/state";
import { highlightSpecialChars, keymap, lineNumbers } from "@codemirror/view";
import { indentLess, indentMore } from "@codemirror/commands";
import { defaultHighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";

const INDENT = "    ";

export interface CodeEditor {
  getCode(): string;
  setCode(code: string): void;
  focus(): void;
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
    destroy: () => view.destroy(),
  };
}

/** A read-only, highlighted view of some Python (selectable and copyable, not editable). */
export function createCodeView(host: HTMLElement, code: string, label: string): { destroy(): void } {
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: code,
      extensions: [
        lineNumbers(),
        highlightSpecialChars(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        python(),
        EditorState.tabSize.of(4),
        EditorState.readOnly.of(true),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-readonly": "true" }),
      ],
    }),
  });
  return { destroy: () => view.destroy() };
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
