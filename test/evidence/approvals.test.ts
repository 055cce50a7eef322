import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import { signoffForEnvironment } from '../../src/evidence/approvals.js';

// The documented shape of GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals.
const response = [
  {
    environments: [
      {
        id: 161088068,
        node_id: 'MDExOkVudmlyb25tZW50MTYxMDg4MDY4',
        name: 'canary-5',
        url: 'https://api.github.com/x',
        html_url: 'https://github.com/x',
        created_at: '2020-11-23T22:00:40Z',
        updated_at: '2020-11-23T22:00:40Z',
      },
    ],
    state: 'approved',
    comment: 'p95 flat, go to 5%',
    user: { login: 'jane-doe', id: 1, type: 'User', site_admin: false },
  },
  { environments: [{ name: 'canary-25' }], state: 'approved', comment: 'ok', user: { login: 'omar' } },
  {
    environments: [{ name: 'canary-25' }],
    state: 'rejected',
    comment: 'accept errors up 30%',
    user: { login: 'risk-bot' },
  },
  { environments: [{ name: 'canary-50' }], state: 'approved', comment: '', user: { login: 'jane-doe' } },
];

describe('environment approvals as sign-offs', () => {
  it('maps one reviewer to approver and comment', () => {
    expect(signoffForEnvironment(response, 'canary-5')).toEqual({
      environment: 'canary-5',
      state: 'approved',
      approver: 'jane-doe',
      approval_comment: 'p95 flat, go to 5%',
      reviews: [{ login: 'jane-doe', state: 'approved', comment: 'p95 flat, go to 5%' }],
    });
  });

  it('the latest review of the environment decides and is the one attributed', () => {
    // An approval then a rejection of one environment: the rejection is the latest state.
    expect(signoffForEnvironment(response, 'canary-25')).toMatchObject({
      state: 'rejected',
      approver: 'risk-bot',
      approval_comment: 'accept errors up 30%',
      reviews: [
        { login: 'omar', state: 'approved' },
        { login: 'risk-bot', state: 'rejected' },
      ],
    });
  });

  it('two stages sharing an environment: each reading names only the approval that released its job', () => {
    const first = [
      {
        environments: [{ name: 'canary' }],
        state: 'approved',
        comment: 'go 1%',
        user: { login: 'jane-doe' },
      },
    ];
    const second = [
      ...first,
      { environments: [{ name: 'canary' }], state: 'approved', comment: 'go 5%', user: { login: 'omar' } },
    ];
    expect(signoffForEnvironment(first, 'canary')).toMatchObject({
      approver: 'jane-doe',
      approval_comment: 'go 1%',
    });
    expect(signoffForEnvironment(second, 'canary')).toMatchObject({
      approver: 'omar',
      approval_comment: 'go 5%',
    });
  });

  it('environment names compare case-insensitively, as GitHub compares them', () => {
    const mixed = [
      { environments: [{ name: 'Canary-1' }], state: 'approved', comment: null, user: { login: 'sre-lead' } },
    ];
    expect(signoffForEnvironment(mixed, 'canary-1')).toMatchObject({
      environment: 'canary-1',
      state: 'approved',
      approver: 'sre-lead',
    });
  });

  it('a rejection on the first attempt and an approval on the re-run is an approval; pending comments never count', () => {
    const history = [
      {
        environments: [{ name: 'production' }],
        state: 'rejected',
        comment: 'not today',
        user: { login: 'risk-manager' },
      },
      {
        environments: [{ name: 'production' }],
        state: 'approved',
        comment: 'ok now',
        user: { login: 'risk-manager' },
      },
      {
        environments: [{ name: 'production' }],
        state: 'pending',
        comment: 'watching',
        user: { login: 'omar' },
      },
    ];
    expect(signoffForEnvironment(history, 'production')).toMatchObject({
      state: 'approved',
      approver: 'risk-manager',
      approval_comment: 'ok now',
    });
  });

  it('an empty comment is null, and no review for the environment is null (not an approval)', () => {
    expect(signoffForEnvironment(response, 'canary-50')).toMatchObject({
      approver: 'jane-doe',
      approval_comment: null,
    });
    expect(signoffForEnvironment(response, 'production')).toBeNull();
    expect(signoffForEnvironment([], 'production')).toBeNull();
  });

  it('a response in another shape is a clear error naming the field', () => {
    expect(() => signoffForEnvironment({ approvals: [] }, 'x')).toThrow(ConfigurationError);
    expect(() => signoffForEnvironment([{ environments: [], state: 'approved', user: {} }], 'x')).toThrow(
      /approvals\.0\.user\.login/,
    );
  });
});
