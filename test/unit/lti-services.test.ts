// The pure rules of the LTI services (issue 16): where scores go, how long a failed send waits, and how the next
// page of a roster is found in a Link header.
import { retryDelayMs } from "../../server/lti/grades-outbox";
import { nextPageUrl } from "../../server/lti/roster";
import { scoreMessage, scoresUrl } from "../../server/lti/score-sender";

test("the score service is the line item's path with /scores, keeping its query", () => {
  expect(scoresUrl("https://lms.example/api/lti/courses/1/line_items/7")).toBe("https://lms.example/api/lti/courses/1/line_items/7/scores");
  expect(scoresUrl("https://lms.example/items/7/")).toBe("https://lms.example/items/7/scores");
  expect(scoresUrl("https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1")).toBe("https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1");
});

test("a score message carries the platform's user id and the time in ISO 8601", () => {
  const timestamp = new Date("2026-12-03T08:00:01.250Z");
  expect(scoreMessage({ scoreGiven: 3, scoreMaximum: 7, activityProgress: "InProgress", gradingProgress: "FullyGraded", timestamp }, "sub-1")).toEqual({
    userId: "sub-1",
    scoreGiven: 3,
    scoreMaximum: 7,
    activityProgress: "InProgress",
    gradingProgress: "FullyGraded",
    timestamp: "2026-12-03T08:00:01.250Z",
  });
});

test("a failed send waits twice as long after each failure, at most an hour, and never gives up", () => {
  expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
  expect(retryDelayMs(10, 30_000)).toBe(3600_000);
  expect(retryDelayMs(10_000, 30_000)).toBe(3600_000);
});

test("the next page of a roster is the Link header's rel=next, wherever it sits", () => {
  expect(nextPageUrl('<https://lms.example/m?page=2>; rel="next"')).toBe("https://lms.example/m?page=2");
  expect(nextPageUrl('<https://lms.example/m?page=1>; rel="first", <https://lms.example/m?page=3>; rel="next", <https://lms.example/m?page=9>; rel="last"')).toBe("https://lms.example/m?page=3");
  expect(nextPageUrl("<https://lms.example/m?a=1,2>; rel=next")).toBe("https://lms.example/m?a=1,2");
  expect(nextPageUrl('<https://lms.example/m?page=1>; rel="prev first"')).toBeNull();
  expect(nextPageUrl('<https://lms.example/differences>; rel="differences"')).toBeNull();
  expect(nextPageUrl(null)).toBeNull();
});
