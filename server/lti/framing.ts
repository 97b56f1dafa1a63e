// Who may show our pages in a frame. By default nobody (clickjacking); after an LTI launch, the LMS pages that
// launched this browser may, so the exercise it lands on works inside the LMS's iframe. The launch writes those
// origins (from its verified id_token) into a cookie; every response reads them back from it here.
export const FRAME_COOKIE = "tutor_lti_frame";

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;
const MAX_ORIGINS = 4;

/** The cookie's value for these origins (space-separated, as CSP lists them). */
export function frameCookieValue(origins: string[]): string {
  return origins.filter((o) => ORIGIN.test(o)).slice(0, MAX_ORIGINS).join(" ");
}

/** The origins a frame cookie allows; anything that is not a plain origin is ignored, so CSP cannot be injected. */
export function framingOrigins(cookieValue: string | undefined): string[] {
  if (!cookieValue) return [];
  return cookieValue.split(" ").filter((o) => ORIGIN.test(o)).slice(0, MAX_ORIGINS);
}

/** The CSP frame-ancestors source list: only ourselves and the launching LMS, or nobody. */
export function frameAncestors(origins: string[]): string {
  return origins.length ? `'self' ${origins.join(" ")}` : "'none'";
}
