// Charts drawn as inline SVG. Each is a <figure> with a visible title, an SVG whose <title> states the figures
// in words, and the same numbers as a table under "Show the numbers", so nothing is only in the picture.
import { h } from "./dom";

const SVG_NS = "http://www.w3.org/2000/svg";
// Horizontal positions are percentages of the chart's width and vertical ones pixels, so a chart fills its
// panel at any width while its text stays at the page's size (a viewBox would scale the text with the panel).
// Labels start at the left edge, so a long one is never cut off; they are shortened, with the whole in tooltips.
const ROW = 28;
const BAR_START = 42;
const BAR_SPAN = 50;
const MAX_LABEL_CHARS = 32;

type SvgAttrs = Record<string, string | number>;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: SvgAttrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  for (const child of children) element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  return element;
}

let nextId = 0;

export interface ChartFrame {
  title: string;
  testId: string;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyText: string;
}

export interface TableColumn<T> {
  heading: string;
  cell: (item: T) => Node | string;
  numeric?: boolean;
}

function dataTable<T>(items: T[], columns: TableColumn<T>[]): HTMLTableElement {
  return h(
    "table",
    { className: "data-table chart__table" },
    h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", { text: c.heading, attrs: { scope: "col" } })))),
    h("tbody", {}, ...items.map((item) => h("tr", {}, ...columns.map((c) => h("td", { className: c.numeric ? "chart__num" : undefined }, c.cell(item)))))),
  );
}

function figure<T>(frame: ChartFrame, picture: SVGSVGElement | null, items: T[], columns: TableColumn<T>[], legend?: HTMLElement): HTMLElement {
  const body: Node[] = [];
  if (!picture || items.length === 0) {
    body.push(h("p", { className: "muted chart__empty", text: frame.emptyText }));
  } else {
    if (legend) body.push(legend);
    body.push(picture);
    body.push(h("details", { className: "chart__numbers" }, h("summary", { text: "Show the numbers" }), dataTable(items, columns)));
  }
  return h("figure", { className: "chart", testId: frame.testId }, h("figcaption", { className: "chart__title", text: frame.title }), ...body);
}

function shorten(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

function chartSvg(height: number, description: string): SVGSVGElement {
  const id = `chart-${++nextId}`;
  return svg("svg", { width: "100%", height, role: "img", "aria-labelledby": id, class: "chart__svg" }, svg("title", { id }, description));
}

const pct = (n: number) => `${n.toFixed(2)}%`;

export interface BarItem {
  label: string;
  value: number;
  /** Extra words for the tooltip and the table, e.g. "by 3 learners". */
  detail?: string;
}

/** Horizontal bars, longest first as given; the value is written at the end of each bar. */
export function barChart(frame: ChartFrame, items: BarItem[], headings: { label: string; unit: string }, extraColumns: TableColumn<BarItem>[] = []): HTMLElement {
  const unit = headings.unit;
  const max = Math.max(1, ...items.map((i) => i.value));
  const height = items.length * ROW + 4;
  const describe = items.map((i) => `${i.label}: ${i.value} ${unit}${i.detail ? ` (${i.detail})` : ""}`).join("; ");
  const picture = chartSvg(height, `${frame.title}. ${describe}.`);
  items.forEach((item, index) => {
    const y = index * ROW + 2;
    const width = Math.max(0.5, (item.value / max) * BAR_SPAN);
    picture.appendChild(
      svg(
        "g",
        { class: "chart__row" },
        svg("title", {}, `${item.label}: ${item.value} ${unit}${item.detail ? ` (${item.detail})` : ""}`),
        svg("text", { x: 0, y: y + ROW / 2, class: "chart__label", "dominant-baseline": "middle" }, shorten(item.label)),
        svg("rect", { x: pct(BAR_START), y: y + 4, width: pct(width), height: ROW - 10, rx: 3, class: "chart__bar" }),
        svg("text", { x: pct(BAR_START + width), dx: 6, y: y + ROW / 2, class: "chart__value", "dominant-baseline": "middle" }, String(item.value)),
      ),
    );
  });
  const columns: TableColumn<BarItem>[] = [{ heading: headings.label, cell: (i) => i.label }, { heading: unit, cell: (i) => String(i.value), numeric: true }, ...extraColumns];
  return figure(frame, picture, items, columns);
}

export interface StackedSeries {
  label: string;
  /** A CSS modifier: chart__part--<key>. */
  key: string;
}

export interface StackedItem {
  label: string;
  values: number[];
}

function legend(series: StackedSeries[]): HTMLElement {
  return h(
    "ul",
    { className: "chart__legend" },
    ...series.map((s) => h("li", {}, h("span", { className: `chart__swatch chart__swatch--${s.key}`, attrs: { "aria-hidden": "true" } }), s.label)),
  );
}

/** Horizontal bars split into parts (e.g. hints by level); the total is written at the end. */
export function stackedBarChart(frame: ChartFrame, series: StackedSeries[], items: StackedItem[], headings: { label: string; unit: string }): HTMLElement {
  const unit = headings.unit;
  const totals = items.map((i) => i.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const describe = items.map((i, n) => `${i.label}: ${totals[n]} ${unit} (${series.map((s, k) => `${s.label} ${i.values[k] ?? 0}`).join(", ")})`).join("; ");
  const picture = chartSvg(items.length * ROW + 4, `${frame.title}. ${describe}.`);
  items.forEach((item, index) => {
    const y = index * ROW + 2;
    const row = svg("g", { class: "chart__row" }, svg("text", { x: 0, y: y + ROW / 2, class: "chart__label", "dominant-baseline": "middle" }, shorten(item.label)));
    let x = BAR_START;
    series.forEach((s, k) => {
      const value = item.values[k] ?? 0;
      if (value <= 0) return;
      const width = (value / max) * BAR_SPAN;
      row.appendChild(svg("rect", { x: pct(x), y: y + 4, width: pct(width), height: ROW - 10, class: `chart__part chart__part--${s.key}` }, svg("title", {}, `${item.label}: ${value} × ${s.label}`)));
      x += width;
    });
    row.appendChild(svg("text", { x: pct(x), dx: 6, y: y + ROW / 2, class: "chart__value", "dominant-baseline": "middle" }, String(totals[index])));
    picture.appendChild(row);
  });
  const columns: TableColumn<StackedItem>[] = [
    { heading: headings.label, cell: (i) => i.label },
    ...series.map((s, k) => ({ heading: s.label, cell: (i: StackedItem) => String(i.values[k] ?? 0), numeric: true })),
  ];
  return figure(frame, picture, items, columns, legend(series));
}

export interface DayActivity {
  date: string;
  submissions: number;
  solved: number;
}

const dayLabel = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/** One column per day: submissions, with the ones that solved an exercise drawn darker at the bottom. */
export function activityChart(frame: ChartFrame, days: DayActivity[]): HTMLElement {
  const height = 150;
  const axis = 22;
  const max = Math.max(1, ...days.map((d) => d.submissions));
  const slot = 100 / Math.max(1, days.length);
  const active = days.filter((d) => d.submissions > 0);
  const describe = active.length === 0 ? "No submissions in this period" : active.map((d) => `${dayLabel(d.date)}: ${d.submissions} submitted, ${d.solved} solved`).join("; ");
  const picture = chartSvg(height, `${frame.title}. ${describe}.`);
  picture.appendChild(svg("line", { x1: 0, x2: "100%", y1: height - axis, y2: height - axis, class: "chart__axis" }));
  days.forEach((day, index) => {
    const x = index * slot + slot * 0.15;
    const width = slot * 0.7;
    const scale = (n: number) => (n / max) * (height - axis - 14);
    const column = svg("g", { class: "chart__day" }, svg("title", {}, `${dayLabel(day.date)}: ${day.submissions} submitted, ${day.solved} solved`));
    if (day.submissions > 0) {
      column.appendChild(svg("rect", { x: pct(x), y: height - axis - scale(day.submissions), width: pct(width), height: scale(day.submissions), rx: 2, class: "chart__part chart__part--submitted" }));
      const solved = Math.min(day.solved, day.submissions);
      if (solved > 0) column.appendChild(svg("rect", { x: pct(x), y: height - axis - scale(solved), width: pct(width), height: scale(solved), rx: 2, class: "chart__part chart__part--solved" }));
    } else {
      column.appendChild(svg("rect", { x: pct(x), y: height - axis - 2, width: pct(width), height: 2, class: "chart__part chart__part--none" }));
    }
    // A tick a week, the first and last anchored inside the chart so their text is not cut off.
    if (index % 7 === 0 || index === days.length - 1) {
      const anchor = index === 0 ? "start" : index === days.length - 1 ? "end" : "middle";
      const at = anchor === "start" ? x : anchor === "end" ? x + width : x + width / 2;
      column.appendChild(svg("text", { x: pct(at), y: height - 6, class: "chart__tick", "text-anchor": anchor }, dayLabel(day.date)));
    }
    picture.appendChild(column);
  });
  const series = [
    { label: "Submissions", key: "submitted" },
    { label: "Solved an exercise", key: "solved" },
  ];
  return figure(
    frame,
    picture,
    active.length > 0 ? active : [],
    [
      { heading: "Day", cell: (d: DayActivity) => dayLabel(d.date) },
      { heading: "Submissions", cell: (d: DayActivity) => String(d.submissions), numeric: true },
      { heading: "Solved", cell: (d: DayActivity) => String(d.solved), numeric: true },
    ],
    legend(series),
  );
}
