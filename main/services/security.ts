/**
 * The renderer's Content-Security-Policy, for both hosts: only our own files, no remote content,
 * no eval. Inline style attributes are allowed because React Flow positions nodes with them.
 * `'self'` is the bundle's own origin: in Electron app://neurosketch, whose handler serves only
 * the renderer bundle (main/electron/hardening.ts; never file://, where 'self' would admit any
 * local file); in the browser host the loopback origin, which serves only the bundle too.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
