// The CSV writer and the grade rows, as pure functions: quoting, the formula guard, the header, and the rule for
// each column of the grades export.
import { csvCell, toCsv } from "../../server/courses/csv";
import { exportFileName, GRADE_COLUMNS, gradeRow, solvedOnTime } from "../../server/courses/grades";

describe("csvCell", () => {
  test("plain text and numbers are written as they are, null as an empty cell", () => {
    expect(csvCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell("")).toBe("");
  });

  test("a comma, a quote or a line break puts the cell in quotes, with quotes doubled (RFC 4180)", () => {
    expect(csvCell("Lovelace, Ada")).toBe('"Lovelace, Ada"');
    expect(csvCell('Ada "the first" L.')).toBe('"Ada ""the first"" L."');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("carriage\r\nreturn")).toBe('"carriage\r\nreturn"');
  });

  test("text a spreadsheet would run as a formula is prefixed with a quote", () => {
    expect(csvCell("=HYPERLINK(\"http://x\",\"y\")")).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe("\"'\rcmd\"");
    // Only the start matters: a formula character inside a name is just text.
    expect(csvCell("Jean-Luc = captain")).toBe("Jean-Luc = captain");
  });

  test("a negative number is data, not a formula", () => {
    expect(csvCell(-3)).toBe("-3");
  });

  test("non-ASCII text is kept as it is", () => {
    expect(csvCell("José Ñúñez 李")).toBe("José Ñúñez 李");
  });
});

describe("toCsv", () => {
  test("writes the header and each row, every line ended by CRLF", () => {
    expect(toCsv(["a", "b"], [["1", 2], [null, "x,y"]])).toBe('a,b\r\n1,2\r\n,"x,y"\r\n');
  });

  test("the header row is there even with no rows", () => {
    expect(toCsv(["course", "learner_id"], [])).toBe("course,learner_id\r\n");
  });

  test("a row of the wrong width is a programming error, reported", () => {
    expect(() => toCsv(["a", "b"], [["only one"]])).toThrow("a CSV row has 1 cells but the header has 2");
  });
});

describe("grade rows", () => {
  const due = new Date("2030-03-01T12:00:00Z");
  const base = {
    course: { name: "Intro" },
    learner: { id: "u1", displayName: "Ada", email: "ada@school.example" },
    assignment: { setName: "basics", dueAt: due },
    exercise: { id: "basics/shout", title: "Shout" },
    hintsUsed: 0,
    lastSubmissionAt: null,
    now: new Date("2030-02-01T00:00:00Z"),
  };
  const column = (row: unknown[], name: (typeof GRADE_COLUMNS)[number]) => row[GRADE_COLUMNS.indexOf(name)];

  test("a row has a cell for every column", () => {
    expect(gradeRow({ ...base, progress: null })).toHaveLength(GRADE_COLUMNS.length);
  });

  test("a not-started exercise: zeros, no dates, not late while it is not yet due", () => {
    const row = gradeRow({ ...base, progress: null });
    expect(column(row, "status")).toBe("not-started");
    expect(column(row, "attempts")).toBe(0);
    expect(column(row, "score_percent")).toBe(0);
    expect(column(row, "first_solved_at")).toBeNull();
    expect(column(row, "solved_on_time")).toBe("");
    expect(column(row, "due_at")).toBe("2030-03-01T12:00:00.000Z");
  });

  test("an attempted exercise: its best score as a percentage, active time in minutes", () => {
    const progress = { attempts: 3, firstSolvedAt: null, bestPassed: 2, bestTotal: 3, activeSeconds: 150 };
    const row = gradeRow({ ...base, progress, hintsUsed: 2, lastSubmissionAt: new Date("2030-02-02T10:00:00Z") });
    expect(column(row, "status")).toBe("attempted");
    expect(column(row, "score_percent")).toBe(67);
    expect(column(row, "active_minutes")).toBe(2.5);
    expect(column(row, "hints_used")).toBe(2);
    expect(column(row, "last_submission_at")).toBe("2030-02-02T10:00:00.000Z");
  });

  test("a solved exercise is on time when first solved by the due date", () => {
    const progress = { attempts: 2, firstSolvedAt: new Date("2030-02-10T00:00:00Z"), bestPassed: 4, bestTotal: 4, activeSeconds: 0 };
    const row = gradeRow({ ...base, progress });
    expect(column(row, "status")).toBe("solved");
    expect(column(row, "score_percent")).toBe(100);
    expect(column(row, "first_solved_at")).toBe("2030-02-10T00:00:00.000Z");
    expect(column(row, "solved_on_time")).toBe("yes");
  });

  test("solved_on_time: yes, no, or empty when there is no due date or it is not due yet", () => {
    const before = new Date("2030-01-01T00:00:00Z");
    const after = new Date("2030-04-01T00:00:00Z");
    expect(solvedOnTime(before, due, after)).toBe("yes");
    expect(solvedOnTime(due, due, after)).toBe("yes");
    expect(solvedOnTime(after, due, after)).toBe("no");
    expect(solvedOnTime(null, due, after)).toBe("no");
    expect(solvedOnTime(null, due, before)).toBe("");
    expect(solvedOnTime(before, null, after)).toBe("");
  });
});

describe("exportFileName", () => {
  test("names the file after the course, with characters a file name cannot hold replaced", () => {
    expect(exportFileName("Intro to Python")).toBe("Intro to Python-grades.csv");
    expect(exportFileName('CS/101: "A" \\ B')).toBe("CS-101- -A- - B-grades.csv");
    expect(exportFileName("Ünïcode Klasse")).toBe("Ünïcode Klasse-grades.csv");
    expect(exportFileName("///")).toBe("course-grades.csv");
  });
});
