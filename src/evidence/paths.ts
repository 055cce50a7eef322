import path from 'node:path';
import {
  ConfigurationError,
  renderEvidenceDir,
  renderTemplate,
  type ReleasePlan,
  type TemplateContext,
} from '../config/index.js';

/**
 * A path inside the evidence branch: relative, forward slashes, no `..`, no `.git`. Anything else could write
 * outside the clone or into git's own metadata.
 */
export function checkEvidencePath(candidate: string, field: string): string {
  if (typeof candidate !== 'string' || candidate.trim() === '') {
    throw new ConfigurationError(
      `${field}: expected a relative path inside the evidence branch, got an empty value`,
    );
  }
  if (candidate.includes('\\') || candidate.includes('\0')) {
    throw new ConfigurationError(`${field}: "${candidate}" must use forward slashes and no NUL characters`);
  }
  if (path.posix.isAbsolute(candidate) || /^[a-zA-Z]:/.test(candidate)) {
    throw new ConfigurationError(
      `${field}: "${candidate}" must be relative to the repository root, not absolute`,
    );
  }
  const normalized = path.posix.normalize(candidate).replace(/\/+$/, '');
  const segments = normalized.split('/');
  if (segments.includes('..')) {
    throw new ConfigurationError(`${field}: "${candidate}" leaves the repository (contains "..")`);
  }
  if (segments.some((s) => s.toLowerCase() === '.git')) {
    throw new ConfigurationError(`${field}: "${candidate}" points into .git`);
  }
  return normalized;
}

/** The plan's `evidence.dir` / `evidence.decisions` with `{{version}}`, `{{deployment_id}}`... filled in and checked. */
export function renderEvidencePath(pattern: string, context: TemplateContext, field: string): string {
  return checkEvidencePath(renderTemplate(pattern, context, field), field);
}

/** The release's evidence folder on the branch, e.g. `evidence/1.4.0` (the plan's `evidence.dir`). */
export function evidenceDir(plan: ReleasePlan, version: string): string {
  return renderEvidenceDir(plan, { version });
}

/** The release attempt's decision log on the branch (the plan's `evidence.decisions`). */
export function decisionLogPath(plan: ReleasePlan, version: string, deploymentId: string): string {
  return renderEvidencePath(
    plan.evidence.decisions,
    { version, service: plan.release.service, deployment_id: deploymentId },
    'evidence.decisions',
  );
}
