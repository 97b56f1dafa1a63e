// What an admin pastes into the LMS when adding Tutor as an LTI 1.3 tool: its URLs (from the address this Tutor is
// reached at) and the OAuth2 scopes it asks for. The Admin page, the CLI and docs/lti.md show the same list.
export const TOOL_SCOPES = [
  "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
];

export interface ToolConfiguration {
  title: string;
  /** OIDC login initiation URL (Canvas: "OpenID Connect Initiation Url"; Moodle: "Initiate login URL"). */
  loginUrl: string;
  /** Redirect URI and target link URI (Canvas: "Redirect URIs", "Target Link URI"; Moodle: "Tool URL", "Redirection URI(s)"). */
  launchUrl: string;
  /** Public keyset URL (Canvas: "JWK Method: Public JWK URL"; Moodle: "Public key type: Keyset URL"). */
  jwksUrl: string;
  /** Where the LMS sends an instructor to choose content (Canvas: the Link Selection / Assignment Selection placements; Moodle: "Content Selection URL"). */
  deepLinkingUrl: string;
  scopes: string[];
}

export function toolConfiguration(origin: string): ToolConfiguration {
  return {
    title: "Tutor",
    loginUrl: `${origin}/lti/login`,
    launchUrl: `${origin}/lti/launch`,
    jwksUrl: `${origin}/lti/jwks`,
    deepLinkingUrl: `${origin}/lti/launch`,
    scopes: TOOL_SCOPES,
  };
}
