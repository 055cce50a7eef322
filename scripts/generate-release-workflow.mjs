#!/usr/bin/env node
// Writes .github/workflows/canary-release.yml. Eight stage jobs differ only in their slot number, so they are
// generated rather than copied by hand; `--check` fails when the committed file differs from this output.
// (GitHub does not guarantee matrix order, so stages are chained jobs with `needs`, not a matrix.)
import { readFileSync, writeFileSync } from 'node:fs';

const SLOTS = 8;
// The current node24 release of actions/checkout, pinned by the full commit SHA its tag points at.
const CHECKOUT = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1';
const ATTEST = 'actions/attest-build-provenance@a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32 # v4.1.0';
const SUITE = '.canary-conductor';

const checkoutSteps = (indent) => {
  const p = ' '.repeat(indent);
  return [
    `${p}- name: Check out the release repository`,
    `${p}  uses: ${CHECKOUT}`,
    `${p}  with:`,
    `${p}    persist-credentials: false`,
    `${p}    fetch-depth: 0`,
    `${p}# The reusable workflow runs in the caller's repository, so \`./actions/<name>\` would resolve in the caller's`,
    `${p}# checkout. Load the suite's actions at this workflow's own commit into a side folder instead.`,
    `${p}- name: Check out canary-conductor at the workflow's commit`,
    `${p}  uses: ${CHECKOUT}`,
    `${p}  with:`,
    `${p}    repository: \${{ job.workflow_repository }}`,
    `${p}    ref: \${{ job.workflow_sha }}`,
    `${p}    path: ${SUITE}`,
    `${p}    persist-credentials: false`,
  ].join('\n');
};

/** The inputs every step takes; `readOnly` steps (plan, preflight) write nothing, so they take no dry-run. */
const common = (indent, extra = [], { readOnly = false } = {}) => {
  const p = ' '.repeat(indent);
  return [
    `${p}with:`,
    `${p}  config: \${{ inputs.config }}`,
    `${p}  version: \${{ inputs.version }}`,
    ...(readOnly ? [] : [`${p}  dry-run: \${{ inputs.dry-run }}`]),
    ...extra.map((l) => `${p}  ${l}`),
  ].join('\n');
};

const runner = '${{ fromJSON(needs.plan.outputs.runner) }}';
const secretsEnv = (indent) => {
  const p = ' '.repeat(indent);
  return [
    `${p}env:`,
    `${p}  PROM_TOKEN: \${{ secrets.prometheus-token }}`,
    `${p}  CANARY_WEBHOOK_URL: \${{ secrets.webhook-url }}`,
    `${p}  CANARY_TEAMS_WEBHOOK_URL: \${{ secrets.teams-webhook-url }}`,
    `${p}  CANARY_PAGERDUTY_ROUTING_KEY: \${{ secrets.pagerduty-routing-key }}`,
    `${p}  CANARY_GRAFANA_TOKEN: \${{ secrets.grafana-token }}`,
  ].join('\n');
};

function stageJob(n) {
  const idx = n - 1;
  const prev = n === 1 ? 'preflight' : `stage-${n - 1}`;
  return `
  stage-${n}:
    name: "Stage ${n}: \${{ fromJSON(needs.plan.outputs.slots)[${idx}].name }}"
    needs: [plan, ${prev}]
    if: \${{ fromJSON(needs.plan.outputs.stage-count) >= ${n} }}
    runs-on: ${runner}
    # The stage's environment: its required reviewers' approval is this stage's sign-off.
    environment: \${{ fromJSON(needs.plan.outputs.slots)[${idx}].environment }}
    timeout-minutes: \${{ fromJSON(needs.plan.outputs.slots)[${idx}].timeout_minutes }}
    permissions:
      contents: write
      deployments: write
      actions: read
    outputs:
      decision: \${{ steps.gate.outputs.decision }}
      reason: \${{ steps.gate.outputs.reason }}
    steps:
${checkoutSteps(6)}
      - name: Run the stage gate
        id: gate
        uses: ./${SUITE}/actions/stage-gate
${common(8, [`stage: "${n}"`, 'evidence-remote: ${{ inputs.evidence-remote }}', 'prometheus-url: ${{ inputs.prometheus-url }}'])}
${secretsEnv(8)}
`;
}

const stageNeeds = Array.from({ length: SLOTS }, (_, i) => `stage-${i + 1}`);
// Jobs whose failure leaves traffic on the canary: every stage, and promote (a failed promote writes no GA and
// leaves the last stage's traffic in place).
const trafficJobs = [...stageNeeds, 'promote'];

// The first stage that failed or was cancelled, as an expression: its slot's name, and its gate's reason.
const failed = (s) => `(needs.${s}.result == 'failure' || needs.${s}.result == 'cancelled')`;
const failedStageExpr = (field) =>
  `\${{ ${stageNeeds.map((s, i) => `${failed(s)} && fromJSON(needs.plan.outputs.slots)[${i}].${field}`).join(' || ')} || ${failed('promote')} && 'promote' || 'unknown' }}`;
const failedStageReasonExpr = `\${{ ${trafficJobs
  .map(
    (s) =>
      `${failed(s)} && (needs.${s}.outputs.reason || format('{0} job {1} without a gate decision', '${s}', needs.${s}.result))`,
  )
  .join(' || ')} || 'a stage failed' }}`;

// Which outcome the mini-RCA explains. Every one of them has a decision record: the stage decisions and the
// rollback record, or the GA record that promote wrote.
const notDone = (j) => `(needs.${j}.result == 'failure' || needs.${j}.result == 'cancelled')`;
const rcaOutcomeExpr = `\${{ ${notDone('rollback')} && 'rollback-failed' || needs.rollback.result == 'success' && 'rolled-back' || ${notDone('first-night')} && 'first-night-failed' || ${notDone('release-tag')} && 'release-tag-failed' || 'promoted' }}`;

const yaml = `# Generated by scripts/generate-release-workflow.mjs; edit the generator, then run it.
#
# The reusable canary release: plan -> freeze start -> preflight -> stage 1..8 (chained with needs, each in the
# environment the plan names, whose approval is the stage's sign-off) -> promote (GA record, seals the decision
# log) -> release tag -> first night (an environment with a wait timer, then the SLO burn-rate check) -> mini-RCA
# -> freeze end. A rollback job runs when any stage or promote fails or is cancelled. Every job after the stage
# slots states its condition: GitHub's implicit success() is false when any ancestor was skipped, and the unused
# stage slots always are.
name: canary-release

on:
  workflow_call:
    inputs:
      version:
        description: The version to release, e.g. 1.4.0.
        type: string
        required: true
      config:
        description: Path of the release plan in the calling repository.
        type: string
        default: .github/canary.yml
      dry-run:
        description: Evaluate and record nothing outside the run (no labels, statuses, traffic or pushes).
        type: boolean
        default: false
      runs-on:
        description: 'Runner for the jobs that reach Prometheus, Alertmanager or the traffic endpoint: a label, or a JSON list such as ["self-hosted", "prod"].'
        type: string
        default: ubuntu-latest
      evidence-remote:
        description: Where evidence is pushed (a git URL); default the calling repository.
        type: string
        default: ''
      prometheus-url:
        description: Overrides metrics.prometheus.url of the plan.
        type: string
        default: ''
      generate-release-notes:
        description: Let GitHub append its generated release notes (merged pull requests, contributors) to the release's notes.
        type: boolean
        default: false
    secrets:
      prometheus-token:
        description: Bearer token for Prometheus (the plan names the env variable; PROM_TOKEN here).
        required: false
      webhook-url:
        description: Slack-compatible webhook for decisions and war-room lines (CANARY_WEBHOOK_URL here).
        required: false
      teams-webhook-url:
        description: Microsoft Teams incoming webhook for Adaptive Cards (CANARY_TEAMS_WEBHOOK_URL here).
        required: false
      pagerduty-routing-key:
        description: PagerDuty Events API v2 routing key (CANARY_PAGERDUTY_ROUTING_KEY here).
        required: false
      grafana-token:
        description: Grafana service-account token for release annotations (CANARY_GRAFANA_TOKEN here).
        required: false
      merge-block-token:
        description: >-
          Optional token that may administer the repository (a GitHub App installation token with Administration
          write); with it the freeze installs a merge-blocking ruleset as its first write and removes it at the end.
        required: false
    outputs:
      decision:
        description: PROMOTED when the GA record was written, otherwise empty (the release was rolled back or stopped).
        value: \${{ jobs.promote.outputs.decision }}

# Two releases of one repository never overlap; a second one waits rather than cancelling the first.
concurrency:
  group: canary-release-\${{ github.repository }}
  cancel-in-progress: false

permissions: {}

jobs:
  plan:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read
    outputs:
      stages: \${{ steps.plan.outputs.stages }}
      stage-count: \${{ steps.plan.outputs.stage-count }}
      slots: \${{ steps.plan.outputs.slots }}
      runner: \${{ steps.plan.outputs.runner }}
      first-night-environment: \${{ steps.plan.outputs.first-night-environment }}
      tag: \${{ steps.plan.outputs.tag }}
      evidence-dir: \${{ steps.plan.outputs.evidence-dir }}
    steps:
${checkoutSteps(6)}
      - name: Validate and render the plan
        id: plan
        uses: ./${SUITE}/actions/plan
${common(8, ['runs-on: ${{ inputs.runs-on }}'], { readOnly: true })}

  freeze-start:
    needs: plan
    runs-on: ubuntu-latest
    # GitHub's write limits (80 a minute, 500 an hour) put 1,000 held PRs at ~2 h; the pacer stops itself at 5 h.
    timeout-minutes: 330
    permissions:
      contents: write
      issues: write
      pull-requests: read
      statuses: write
    steps:
${checkoutSteps(6)}
      - name: Start the change freeze
        uses: ./${SUITE}/actions/freeze-window
${common(8, ['mode: start', 'evidence-remote: ${{ inputs.evidence-remote }}', 'merge-block-token: ${{ secrets.merge-block-token }}'])}

  preflight:
    needs: [plan, freeze-start]
    runs-on: ${runner}
    timeout-minutes: 20
    permissions:
      contents: write
      issues: read
      pull-requests: read
      checks: read
      statuses: read
    steps:
${checkoutSteps(6)}
      - name: Preflight checks
        id: preflight
        uses: ./${SUITE}/actions/preflight
${common(8, ['prometheus-url: ${{ inputs.prometheus-url }}'], { readOnly: true })}
${secretsEnv(8)}
      # preflight.txt is evidence whether the checks passed or not.
      - name: Commit the preflight evidence
        if: \${{ always() && steps.preflight.outputs.evidence-file != '' }}
        uses: ./${SUITE}/actions/evidence-commit
${common(8, ['evidence-remote: ${{ inputs.evidence-remote }}', 'files: ${{ steps.preflight.outputs.evidence-file }}', 'message: preflight'])}
${stageNeeds.map((_, i) => stageJob(i + 1)).join('')}
  rollback:
    needs: [plan, preflight, ${trafficJobs.join(', ')}]
    # Runs when any stage failed (a ROLLBACK, REVIEW, a rejected approval or an error) or was cancelled, or when
    # promote failed; never after a clean run, and not after a failed preflight (no traffic has moved then).
    if: \${{ always() && needs.plan.result == 'success' && (${trafficJobs.map((s) => `needs.${s}.result == 'failure' || needs.${s}.result == 'cancelled'`).join(' || ')}) }}
    runs-on: ${runner}
    timeout-minutes: 30
    permissions:
      contents: write
      issues: write
      deployments: write
    steps:
${checkoutSteps(6)}
      - name: Roll back
        uses: ./${SUITE}/actions/rollback
${common(8, ['evidence-remote: ${{ inputs.evidence-remote }}', `stage: ${failedStageExpr('name')}`, `reason: ${failedStageReasonExpr}`])}
${secretsEnv(8)}

  promote:
    needs: [plan, preflight, ${stageNeeds.join(', ')}]
    if: \${{ always() && needs.preflight.result == 'success' && !contains(needs.*.result, 'failure') && !contains(needs.*.result, 'cancelled') }}
    # The plan's runner: promote silences alerts and runs promote.run, which reach what only that runner can see.
    runs-on: ${runner}
    timeout-minutes: 15
    permissions:
      contents: write
      actions: read
      # Only this job signs: the attestation of the sealed decision log (OIDC token, attestation store).
      id-token: write
      attestations: write
    outputs:
      decision: \${{ steps.promote.outputs.decision }}
      reason: \${{ steps.promote.outputs.reason }}
    steps:
${checkoutSteps(6)}
      - name: Record GA (seals the decision log)
        id: promote
        uses: ./${SUITE}/actions/stage-gate
${common(8, ['mode: promote', 'evidence-remote: ${{ inputs.evidence-remote }}'])}
${secretsEnv(8)}
      # GitHub attests the sealed log's digest, outside the evidence branch: an auditor checks a copy of the log
      # with \`gh attestation verify <log> --repo <owner>/<repo>\`, whoever can push to the branch.
      - name: Attest the sealed decision log
        if: \${{ !inputs.dry-run && fromJSON(steps.promote.outputs.summary-json).decisionLogSha256 != null }}
        uses: ${ATTEST}
        with:
          subject-name: \${{ fromJSON(steps.promote.outputs.summary-json).decisionLog }}
          subject-digest: sha256:\${{ fromJSON(steps.promote.outputs.summary-json).decisionLogSha256 }}

  release-tag:
    needs: [plan, promote]
    # Explicit: GitHub's implicit success() is false when any ancestor was skipped (the unused stage slots are).
    if: \${{ always() && needs.promote.result == 'success' }}
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: write
    steps:
${checkoutSteps(6)}
      - name: Tag the release and write the release notes
        uses: ./${SUITE}/actions/release-tag
${common(8, ['evidence-remote: ${{ inputs.evidence-remote }}', 'sha: ${{ github.sha }}', 'generate-release-notes: ${{ inputs.generate-release-notes }}'])}

  first-night:
    needs: [plan, release-tag]
    runs-on: ${runner}
    if: \${{ always() && needs.release-tag.result == 'success' && needs.plan.outputs.first-night-environment != '' }}
    # The first-night environment carries a wait timer; its approval after the window is the sign-off.
    environment: \${{ needs.plan.outputs.first-night-environment }}
    timeout-minutes: 30
    permissions:
      contents: write
      actions: read
    steps:
${checkoutSteps(6)}
      - name: SLO burn-rate check over the first night
        uses: ./${SUITE}/actions/stage-gate
${common(8, ['mode: first-night', 'evidence-remote: ${{ inputs.evidence-remote }}', 'prometheus-url: ${{ inputs.prometheus-url }}'])}
${secretsEnv(8)}

  mini-rca:
    needs: [plan, promote, rollback, release-tag, first-night]
    # After every outcome that has a decision record: promoted (after the first night, whatever it found), rolled
    # back, or a rollback that failed. Not after a failed preflight: no traffic moved and nothing was decided.
    if: \${{ always() && needs.plan.result == 'success' && (needs.promote.result == 'success' || needs.rollback.result != 'skipped') }}
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: write
    steps:
${checkoutSteps(6)}
      - name: Mini-RCA and release report
        uses: ./${SUITE}/actions/mini-rca
${common(8, ['evidence-remote: ${{ inputs.evidence-remote }}', `run-outcome: ${rcaOutcomeExpr}`])}

  freeze-end:
    needs: [plan, freeze-start, mini-rca]
    if: \${{ always() && needs.freeze-start.result == 'success' }}
    runs-on: ubuntu-latest
    timeout-minutes: 330
    permissions:
      contents: write
      issues: write
      pull-requests: read
      statuses: write
    steps:
${checkoutSteps(6)}
      - name: Lift the change freeze
        uses: ./${SUITE}/actions/freeze-window
${common(8, ['mode: end', 'evidence-remote: ${{ inputs.evidence-remote }}', 'merge-block-token: ${{ secrets.merge-block-token }}'])}
`;

const target = new URL('../.github/workflows/canary-release.yml', import.meta.url).pathname;
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== yaml) {
    console.error(
      '.github/workflows/canary-release.yml is stale; run node scripts/generate-release-workflow.mjs',
    );
    process.exit(1);
  }
  console.log('canary-release.yml is current.');
} else {
  writeFileSync(target, yaml);
  console.log(`wrote ${target}`);
}
